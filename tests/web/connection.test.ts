import { afterEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CONNECTION, nextConnection, type ConnectionEvent, type ConnectionState } from '../../web-tracker/src/api/connection.ts';
import { LONGEST_WAIT_MS, retryDelay, wakeableWaits } from '../../web-tracker/src/api/retry.ts';
import { connectionCopy } from '../../web-tracker/src/components/connection-badge.tsx';

const run = (events: ConnectionEvent[], from: ConnectionState = INITIAL_CONNECTION) => events.reduce(nextConnection, from);
const AT = Date.parse('2026-12-01T12:04:00Z');
const live = run([{ type: 'connecting' }, { type: 'connected' }, { type: 'synced' }]);

describe('the live connection as the page shows it', () => {
  it('is live only once every view has had its reading after the socket came up', () => {
    const connected = run([{ type: 'connecting' }, { type: 'connected' }]);
    expect(connected.kind).toBe('syncing');
    expect(nextConnection(connected, { type: 'synced' })).toEqual({ kind: 'live', recoveries: 0, downSince: null });
  });

  it('reconnects when the socket closes under an open view, through every failed retry, and counts the recovery once exact', () => {
    const dropped = nextConnection(live, { type: 'closed', liveViews: 1, at: AT });
    expect(dropped).toEqual({ kind: 'reconnecting', recoveries: 0, downSince: AT });
    const stillDown = run([{ type: 'connecting' }, { type: 'closed', liveViews: 1, at: AT + 5_000 }], dropped);
    expect(stillDown).toEqual({ kind: 'reconnecting', recoveries: 0, downSince: AT });
    const back = run([{ type: 'connecting' }, { type: 'connected' }], stillDown);
    // The socket is up but the page is not exact yet: still not live, still since the drop.
    expect(back).toEqual({ kind: 'syncing', recoveries: 0, downSince: AT });
    expect(nextConnection(back, { type: 'synced' })).toEqual({ kind: 'live', recoveries: 1, downSince: null });
  });

  it('a refused first connection is "reconnecting" too, not "connecting" forever', () => {
    expect(run([{ type: 'connecting' }, { type: 'closed', liveViews: 1, at: AT }]).kind).toBe('reconnecting');
  });

  it('goes offline at once when the browser says so, stays offline through failed retries, and reconnects when online', () => {
    const offline = nextConnection(live, { type: 'offline', at: AT });
    expect(offline).toEqual({ kind: 'offline', recoveries: 0, downSince: AT });
    const retried = run([{ type: 'closed', liveViews: 1, at: AT + 1 }, { type: 'connecting' }, { type: 'closed', liveViews: 1, at: AT + 2 }], offline);
    expect(retried).toEqual(offline);
    const online = nextConnection(retried, { type: 'online' });
    expect(online).toEqual({ kind: 'reconnecting', recoveries: 0, downSince: AT });
    expect(run([{ type: 'connecting' }, { type: 'connected' }, { type: 'synced' }], online)).toEqual({ kind: 'live', recoveries: 1, downSince: null });
  });

  it('is idle, not reconnecting, when graphql-ws closes a socket nobody uses', () => {
    expect(nextConnection(live, { type: 'closed', liveViews: 0, at: AT }).kind).toBe('idle');
  });

  it('says since when it is not live, and how old what it shows is', () => {
    const receivedAt = new Date(AT - 60_000);
    const time = (at: number) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(at);
    expect(connectionCopy(live, receivedAt)).toEqual({ icon: '●', text: 'Live', detail: null });
    const offline = connectionCopy(nextConnection(live, { type: 'offline', at: AT }), receivedAt);
    expect(offline.text).toBe(`Offline since ${time(AT)}.`);
    expect(offline.detail).toBe(`Showing the status from ${time(AT - 60_000)}. It updates when you are back online.`);
    expect(connectionCopy(nextConnection(live, { type: 'closed', liveViews: 1, at: AT }), receivedAt).text).toBe(`Not live since ${time(AT)}: reconnecting…`);
    expect(connectionCopy(run([{ type: 'closed', liveViews: 1, at: AT }, { type: 'connected' }], live), receivedAt).text).toBe(`Not live since ${time(AT)}: catching up…`);
    expect(connectionCopy(run([{ type: 'connecting' }, { type: 'connected' }]), null).text).toBe('Connecting…');
  });
});

describe('retrying', () => {
  afterEach(() => void vi.useRealTimers());

  it('waits longer after each failure, never more than the longest wait, with jitter between half and all of it', () => {
    const lowest = [0, 1, 2, 3, 4, 10, 100].map((attempt) => retryDelay(attempt, () => 0));
    const highest = [0, 1, 2, 3, 4, 10, 100].map((attempt) => retryDelay(attempt, () => 1));
    expect(highest).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(lowest).toEqual(highest.map((ms) => ms / 2));
    expect(Math.max(...highest)).toBe(LONGEST_WAIT_MS);
  });

  it('ends every pending wait early when woken (the network is back, the page is looked at)', async () => {
    vi.useFakeTimers();
    const waits = wakeableWaits();
    const ended: string[] = [];
    void waits.wait(5_000).then(() => ended.push('a'));
    void waits.wait(60_000).then(() => ended.push('b'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ended).toEqual(['a']);
    waits.wakeAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toEqual(['a', 'b']);
  });
});
