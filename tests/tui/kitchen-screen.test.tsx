// The kitchen display as a cook uses it: tickets in working order with their timers, one key to
// bump the selected ticket, digits to bump by place, and what the server said about it.
import { describe, expect, it, vi } from 'vitest';
import { KitchenScreen } from '../../cli/tui/kitchen-screen.tsx';
import type { Order } from '../../cli/tui/tickets.ts';
import { CliError, EXIT } from '../../cli/errors.ts';
import { anOrder } from './orders.ts';
import { KEY, liveState, mount, screenTests } from './screens.tsx';

screenTests();

const bumped = () => {
  const orders: number[] = [];
  const bump = vi.fn(async (order: Order) => {
    orders.push(order.number);
    return { ok: true, message: `#${order.number} → ${order.nextStatus}` };
  });
  return { orders, bump };
};

describe('the kitchen screen', () => {
  const oldest = anOrder({ number: 11, placedMinutesAgo: 12, status: 'PREPARING', nextStatus: 'READY' });
  const newer = anOrder({
    number: 12,
    placedMinutesAgo: 2,
    items: [
      { name: 'Margherita', quantity: 2, modifiers: ['extra cheese'], notes: null, station: 'pizza' },
      { name: 'Cola', quantity: 1, modifiers: [], notes: null, station: 'bar' },
    ],
    notes: 'no onions',
  });
  const ready = anOrder({ number: 9, status: 'READY', nextStatus: 'COMPLETED' });

  it('shows open tickets oldest first with items, modifiers and notes, and ready numbers apart', async () => {
    const { bump } = bumped();
    const screen = mount(<KitchenScreen live={liveState([newer, ready, oldest])} stations={[]} bump={bump} />);
    const frame = await screen.showing('#12');
    expect(frame.indexOf('#11')).toBeLessThan(frame.indexOf('#12'));
    expect(frame).toMatch(/#11 +12:00/); // placed twelve minutes ago
    expect(frame).toMatch(/#12 +2:00/);
    expect(frame).toContain('2× Margherita');
    expect(frame).toContain('+ extra cheese');
    expect(frame).toContain('note: no onions');
    expect(frame).toMatch(/Ready: 9\b/);
    expect(frame).not.toContain('#9 ');
    expect(frame).toContain('Enter mark ready #11');
  });

  it('Enter bumps the selected ticket; arrows move; digits bump by place', async () => {
    const { orders, bump } = bumped();
    const screen = mount(<KitchenScreen live={liveState([oldest, newer])} stations={[]} bump={bump} />);
    await screen.showing('#12');
    await screen.press(KEY.enter);
    await screen.showing('#11 → READY');
    await screen.press(KEY.right);
    await screen.showing('Enter start #12');
    await screen.press(' ');
    await vi.waitFor(() => expect(orders).toEqual([11, 12]));
    await screen.press('1');
    await vi.waitFor(() => expect(orders).toEqual([11, 12, 11]));
  });

  it('keys typed in one burst see each other: → then Enter bumps the ticket moved to', async () => {
    const { orders, bump } = bumped();
    const screen = mount(<KitchenScreen live={liveState([oldest, newer])} stations={[]} bump={bump} />);
    await screen.showing('#12');
    screen.stdin.write(KEY.right + KEY.enter);
    await vi.waitFor(() => expect(orders).toEqual([12]));
  });

  it('a double tap bumps a ticket once, while another ticket bumped meanwhile goes too', async () => {
    const finishes: (() => void)[] = [];
    const bump = vi.fn(
      (order: Order) => new Promise<{ ok: boolean; message: string }>((resolve) => finishes.push(() => resolve({ ok: true, message: `done #${order.number}` }))),
    );
    const screen = mount(<KitchenScreen live={liveState([oldest, newer])} stations={[]} bump={bump} />);
    await screen.showing('#12');
    await screen.press(KEY.enter, KEY.enter, '1', '2');
    await vi.waitFor(() => expect(bump.mock.calls.map(([order]) => order.number)).toEqual([11, 12]));
    finishes.forEach((finish) => finish());
    await screen.showing('done #12');
    await screen.press(KEY.enter); // the first bump has come back: the ticket may be bumped again
    await vi.waitFor(() => expect(bump).toHaveBeenCalledTimes(3));
    expect(bump.mock.calls.map(([order]) => order.number)).toEqual([11, 12, 11]);
  });

  it('says why the server refused a bump', async () => {
    const bump = vi.fn(async () => {
      throw new CliError('order 11 changed since you saw it (version 3, now 4)', EXIT.conflict);
    });
    const screen = mount(<KitchenScreen live={liveState([oldest])} stations={[]} bump={bump} />);
    await screen.showing('#11');
    await screen.press(KEY.enter);
    await screen.showing('order 11 changed since you saw it');
  });

  it('stays on the same ticket when an older one leaves the screen', async () => {
    const { orders, bump } = bumped();
    const third = anOrder({ number: 13, placedMinutesAgo: 1 });
    const screen = mount(<KitchenScreen live={liveState([oldest, newer, third])} stations={[]} bump={bump} />);
    await screen.showing('#13');
    await screen.press(KEY.right);
    await screen.showing('Enter start #12');
    // #11 is bumped elsewhere: #12 moves to the first place, and #13 takes the second.
    screen.rerender(<KitchenScreen live={liveState([newer, third])} stations={[]} bump={bump} />);
    await screen.showing(/^(?![\s\S]*#11)/);
    await screen.press(KEY.enter);
    await vi.waitFor(() => expect(orders).toEqual([12]));
  });

  it('with --station, shows that station’s items and counts the rest', async () => {
    const screen = mount(<KitchenScreen live={liveState([newer])} stations={['bar']} bump={bumped().bump} />);
    const frame = await screen.showing('#12');
    expect(frame).toContain('1× Cola');
    expect(frame).not.toContain('Margherita');
    expect(frame).toContain('+1 for other stations');
  });

  it('while reconnecting, says so and how old the tickets are', async () => {
    const loadedAt = Date.parse('2026-11-25T12:31:00Z');
    const live = liveState([oldest], { connection: 'reconnecting', loadedAt, problem: 'lost the live connection to http://kitchen:4000' });
    const screen = mount(<KitchenScreen live={live} stations={[]} bump={bumped().bump} />);
    const frame = await screen.showing('reconnecting');
    expect(frame).toContain('last updated');
    expect(frame).toContain('lost the live connection to http://kitchen:4000');
    expect(frame).toContain('#11');
  });

  it('marks a ticket still open from an earlier day, which may share a number with today’s', async () => {
    const yesterdays = anOrder({ number: 3, businessDate: '2026-11-24', placedMinutesAgo: 14 * 60 });
    const todays = anOrder({ number: 3, id: 'today-3' });
    const screen = mount(<KitchenScreen live={liveState([todays, yesterdays])} stations={[]} bump={bumped().bump} />);
    const frame = await screen.showing('Nov 24');
    // Side by side, the older first: its status line names its day, today's does not.
    expect(frame).toMatch(/1 #3 +14:00:00.*2 #3 +5:00/);
    expect(frame).toMatch(/CONFIRMED · Nov 24.*CONFIRMED(?! ·)/);
    expect(frame.match(/Nov 24/g)).toHaveLength(1);
  });

  it('with nothing open, says so', async () => {
    const screen = mount(<KitchenScreen live={liveState([ready])} stations={[]} bump={bumped().bump} />);
    await screen.showing('No open tickets');
  });

  it('puts what does not fit on further pages; digits bump by place on the page shown', async () => {
    const { orders, bump } = bumped();
    // The test terminal (100 columns, 24 rows) holds one row of three tickets.
    const many = [1, 2, 3, 4, 5].map((n) => anOrder({ number: 40 + n, placedMinutesAgo: 10 - n }));
    const screen = mount(<KitchenScreen live={liveState(many)} stations={[]} bump={bump} />);
    let frame = await screen.showing('tickets 1–3 of 5');
    expect(frame).toContain('#43');
    expect(frame).not.toContain('#44');
    await screen.press(KEY.right, KEY.right, KEY.right);
    frame = await screen.showing('tickets 4–5 of 5');
    expect(frame).toMatch(/1 #44/);
    expect(frame).not.toContain('#41');
    await screen.press('2');
    await vi.waitFor(() => expect(orders).toEqual([45]));
  });
});
