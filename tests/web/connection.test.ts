import { describe, expect, it } from 'vitest';
import { INITIAL_CONNECTION, nextConnection, type ConnectionEvent, type ConnectionState } from '../../web-tracker/src/api/connection.ts';

const run = (events: ConnectionEvent[], from: ConnectionState = INITIAL_CONNECTION) => events.reduce(nextConnection, from);

describe('the live connection as the page shows it', () => {
  it('is live once graphql-ws says connected', () => {
    expect(run([{ type: 'connecting' }, { type: 'connected' }])).toEqual({ kind: 'live', recoveries: 0 });
  });

  it('reconnects when the socket closes under an open view, through every failed retry, and counts the recovery', () => {
    const dropped = run([{ type: 'connecting' }, { type: 'connected' }, { type: 'closed', liveViews: 1 }]);
    expect(dropped.kind).toBe('reconnecting');
    const stillDown = run([{ type: 'connecting' }, { type: 'closed', liveViews: 1 }], dropped);
    expect(stillDown).toEqual({ kind: 'reconnecting', recoveries: 0 });
    expect(run([{ type: 'connecting' }, { type: 'connected' }], stillDown)).toEqual({ kind: 'live', recoveries: 1 });
  });

  it('is idle, not reconnecting, when graphql-ws closes a socket nobody uses', () => {
    expect(run([{ type: 'connecting' }, { type: 'connected' }, { type: 'closed', liveViews: 0 }]).kind).toBe('idle');
  });
});
