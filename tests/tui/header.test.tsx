// The header both screens share, as a cook reads it: live or not and since when, the next try
// while not live, how old the tickets are, and the last event; the connection is never cut off.
import { Box } from 'ink';
import { describe, expect, it } from 'vitest';
import { time } from '../../cli/output.ts';
import { Header } from '../../cli/tui/header.tsx';
import { NOW } from './orders.ts';
import { liveState, mount, screenTests } from './screens.tsx';

screenTests();

const at = (secondsFromNow: number) => NOW + secondsFromNow * 1000;
const clock = (moment: number) => time(moment, true);

describe('the header of a screen', () => {
  it('live: says so, with the last event', async () => {
    const screen = mount(<Header title="Orderline kitchen · 2 open" live={liveState([], { lastEventAt: at(-75) })} now={NOW} />);
    const frame = await screen.showing('● live');
    expect(frame).toContain(`last event ${clock(at(-75))}`);
    expect(frame).not.toMatch(/since|last updated|attempt/);
  });

  it('live before any event: says there has been none', async () => {
    const screen = mount(<Header title="Orderline kitchen" live={liveState([])} now={NOW} />);
    expect(await screen.showing('● live')).toContain('no events yet');
  });

  it('offline: says so and since when, the attempt and the next try counting down, how old the tickets are', async () => {
    const live = liveState([], {
      connection: 'offline',
      since: at(-30),
      retry: { attempt: 3, at: at(4) },
      loadedAt: at(-40),
      lastEventAt: at(-90),
      problem: 'the server at http://kitchen:4000 stopped answering (nothing for 4 s)',
    });
    const screen = mount(<Header title="Orderline kitchen · 2 open" live={live} now={NOW} />);
    const frame = await screen.showing(`✕ OFFLINE since ${clock(at(-30))}`);
    expect(frame).toContain(`reconnecting: attempt 3, next try in 4s · last updated ${clock(at(-40))} · last event ${clock(at(-90))}`);
    expect(frame.split('\n')[1]).toMatch(/ · the s.*…$/); // the trouble comes last, and is what gives way
    expect(frame).not.toContain('● live');

    screen.rerender(<Header title="Orderline kitchen · 2 open" live={live} now={at(2)} />);
    await screen.showing('next try in 2s');
    screen.rerender(<Header title="Orderline kitchen · 2 open" live={live} now={at(4)} />);
    await screen.showing('reconnecting: attempt 3, trying now');
  });

  it('reconnecting after the server closed the connection: not live, since when', async () => {
    const live = liveState([], { connection: 'reconnecting', since: at(-5), retry: { attempt: 1, at: at(1) }, loadedAt: at(-6), problem: 'lost the live connection to http://kitchen:4000 (closed 1001)' });
    const frame = await mount(<Header title="Orderline queue · 4 open" live={live} now={NOW} />).showing(`◌ NOT LIVE since ${clock(at(-5))}`);
    expect(frame).toContain(`reconnecting: attempt 1, next try in 1s · last updated ${clock(at(-6))}`);
  });

  it('on a narrow screen the title gives way; the connection and the next try stay whole', async () => {
    const live = liveState([], { connection: 'offline', since: at(-30), retry: { attempt: 12, at: at(9) }, loadedAt: at(-40), problem: 'the server at http://kitchen:4000 stopped answering' });
    const screen = mount(
      <Box width={60}>
        <Header title="Orderline kitchen · grill, fry, cold, bar · 14 open" live={live} now={NOW} />
      </Box>,
    );
    const frame = await screen.showing(`✕ OFFLINE since ${clock(at(-30))}  ${clock(NOW)}`);
    expect(frame).toContain('Orderline');
    expect(frame).not.toContain('14 open');
    expect(frame).toContain('reconnecting: attempt 12, next try in 9s');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});
