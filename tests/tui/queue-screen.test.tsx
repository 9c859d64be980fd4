// The manager's queue: every open order with counters per status and today's totals; advancing
// and cancelling (with a reason) from the keyboard.
import { describe, expect, it, vi } from 'vitest';
import { time } from '../../cli/output.ts';
import { QueueScreen, type Queue } from '../../cli/tui/queue-screen.tsx';
import type { HistoryEntry } from '../../cli/tui/actions.ts';
import type { Order } from '../../cli/tui/tickets.ts';
import { anItem, anOrder, NOW } from './orders.ts';
import { KEY, liveState, mount, resize, screenTests } from './screens.tsx';

screenTests();

const stats: Queue['stats'] = {
  at: new Date().toISOString(),
  businessDate: '2026-11-25',
  open: 3,
  placedToday: 31,
  completedToday: 26,
  cancelledToday: 2,
  late: 1,
  averageReadyMinutes: 13.6,
  // As the server counts the three open orders below, and today's finished ones.
  byStatus: Object.entries({ PENDING: 1, CONFIRMED: 0, PREPARING: 1, READY: 1, OUT_FOR_DELIVERY: 0, COMPLETED: 26, CANCELLED: 2 }).map(([status, count]) => ({
    status: status as Queue['stats']['byStatus'][number]['status'],
    count,
  })),
};


function actions() {
  const advanced: number[] = [];
  const cancelled: [number, string][] = [];
  return {
    advanced,
    cancelled,
    advance: vi.fn(async (order: Order) => {
      advanced.push(order.number);
      return { ok: true, message: `#${order.number} → ${order.nextStatus}` };
    }),
    cancel: vi.fn(async (order: Order, reason: string) => {
      cancelled.push([order.number, reason]);
      return { ok: true, message: `#${order.number} → CANCELLED` };
    }),
    setStatus: vi.fn(async (order: Order, status: string) => ({ ok: true, message: `#${order.number} set to ${status}` })),
    history: vi.fn(async (order: Order): Promise<HistoryEntry[]> => [
      { id: '1', cursor: '1', kind: 'PLACED' as const, fromStatus: null, toStatus: 'PENDING' as const, actor: 'customer', at: new Date(NOW - 60_000).toISOString(), note: null },
      { id: '2', cursor: '2', kind: 'STATUS_CHANGED' as const, fromStatus: 'PENDING' as const, toStatus: order.status, actor: 'Grill (kitchen)', at: new Date(NOW).toISOString(), note: 'bagged' },
    ]),
  };
}

describe('the queue screen', () => {
  const pending = anOrder({ number: 21, status: 'PENDING', nextStatus: 'CONFIRMED', placedMinutesAgo: 1 });
  const late = anOrder({ number: 17, status: 'PREPARING', nextStatus: 'READY', placedMinutesAgo: 25, late: true, minutesLate: 6 });
  const ready = anOrder({ number: 19, status: 'READY', nextStatus: 'COMPLETED', placedMinutesAgo: 9, type: 'DINE_IN', table: '4' });
  const queue: Queue = { orders: [pending, late, ready], stats, notices: [] };

  it('counts the open orders per status and shows today’s totals', async () => {
    const screen = mount(<QueueScreen live={liveState(queue)} {...actions()} />);
    const frame = await screen.showing('today:');
    expect(frame).toMatch(/PENDING 1 +CONFIRMED 0 +PREPARING 1 +READY 1 +OUT_FOR_DELIVERY 0 +late 1/);
    expect(frame).toContain('today: 31 placed · 26 completed · 2 cancelled · 14 min to ready on average');
  });

  it('counts from the server, which sees every open order', async () => {
    const byStatus = stats.byStatus.map((row) => (row.status === 'PENDING' ? { ...row, count: 212 } : row));
    const busy: Queue = { ...queue, stats: { ...stats, open: 214, late: 7, byStatus } };
    const screen = mount(<QueueScreen live={liveState(busy)} {...actions()} />);
    const frame = await screen.showing('Orderline queue · 214 open');
    expect(frame).toMatch(/PENDING 212 +CONFIRMED 0 +PREPARING 1 +READY 1 +OUT_FOR_DELIVERY 0 +late 7/);
  });

  it('lists the orders oldest first, marks the late one and says by how much', async () => {
    const screen = mount(<QueueScreen live={liveState(queue)} {...actions()} />);
    const frame = await screen.showing('21');
    const rows = frame.split('\n').filter((line) => /^\d+/.test(line));
    expect(rows.map((row) => Number(row.match(/^\d+/)![0]))).toEqual([17, 19, 21]);
    expect(rows[0]).toMatch(/‼ PREPARING/);
    expect(rows[0]).toContain('+6m');
    expect(rows[1]).toContain('table 4');
  });

  it('counts late as `orderline stats` does: an order that has left the kitchen is not late, past its promise or not', async () => {
    // Promised 25 and 30 minutes ago; the server’s `late` counts only the PREPARING #17.
    const atThePass = anOrder({ number: 40, status: 'READY', nextStatus: 'COMPLETED', placedMinutesAgo: 40 });
    const onTheRoad = anOrder({ number: 41, status: 'OUT_FOR_DELIVERY', nextStatus: 'COMPLETED', type: 'DELIVERY', placedMinutesAgo: 45 });
    const screen = mount(<QueueScreen live={liveState({ ...queue, orders: [pending, late, atThePass, onTheRoad] })} {...actions()} />);
    const frame = await screen.showing('41');
    expect(frame).toMatch(/OUT_FOR_DELIVERY \d+ +late 1\b/);
    const row = (number: number) => frame.split('\n').find((line) => line.startsWith(`${number} `))!;
    expect(row(17)).toMatch(/‼ PREPARING/);
    expect(row(40)).toMatch(/^40 +READY /);
    expect(row(41)).toMatch(/^41 +OUT_FOR_DELIVERY /);
  });

  it('never cuts a status; on a narrow terminal the FOR column gives way', async () => {
    const out = anOrder({ number: 42, status: 'OUT_FOR_DELIVERY', nextStatus: 'COMPLETED', type: 'DELIVERY', customerName: 'Maximilian Featherstonehaugh' });
    const screen = mount(<QueueScreen live={liveState({ ...queue, orders: [out] })} {...actions()} />);
    await screen.showing('42');
    for (const columns of [200, 100, 80, 64]) {
      resize(screen, columns);
      await vi.waitFor(() => {
        const row = screen.lastFrame()!.split('\n').find((line) => line.startsWith('42 '));
        expect(row, `at ${columns} columns`).toMatch(/^42 +OUT_FOR_DELIVERY +delivery ·/);
        expect(row).toContain(time(out.estimatedReadyAt));
        expect(row!.trimEnd().length).toBeLessThanOrEqual(columns);
        if (columns === 64) expect(row).not.toContain('Maximilian');
      });
    }
  });

  it('gives an order from an earlier day its date where the due time is', async () => {
    const yesterdays = anOrder({ number: 21, id: 'yesterday-21', businessDate: '2026-11-24', placedMinutesAgo: 14 * 60 });
    const screen = mount(<QueueScreen live={liveState({ ...queue, orders: [...queue.orders, yesterdays] })} {...actions()} />);
    const frame = await screen.showing('Nov 24');
    const rows = frame.split('\n').filter((line) => /^21\b/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/14:00:00 +Nov 24 \S+/);
    expect(rows[1]).not.toContain('Nov');
  });

  it('a advances the selected order; ↓ selects the next', async () => {
    const { advanced, ...rest } = actions();
    const screen = mount(<QueueScreen live={liveState(queue)} {...rest} />);
    await screen.showing('a mark ready #17');
    await screen.press(KEY.down);
    await screen.showing('a complete #19');
    await screen.press('a');
    await vi.waitFor(() => expect(advanced).toEqual([19]));
    await screen.showing('#19 → COMPLETED');
  });

  it('the key hint says what a does, as a verb, for every step', async () => {
    const steps = [
      anOrder({ number: 31, status: 'PENDING', nextStatus: 'CONFIRMED', placedMinutesAgo: 5 }),
      anOrder({ number: 32, status: 'CONFIRMED', nextStatus: 'PREPARING', placedMinutesAgo: 4 }),
      anOrder({ number: 33, status: 'PREPARING', nextStatus: 'READY', placedMinutesAgo: 3 }),
      anOrder({ number: 34, status: 'READY', nextStatus: 'OUT_FOR_DELIVERY', type: 'DELIVERY', placedMinutesAgo: 2 }),
      anOrder({ number: 35, status: 'OUT_FOR_DELIVERY', nextStatus: 'COMPLETED', type: 'DELIVERY', placedMinutesAgo: 1 }),
    ];
    const screen = mount(<QueueScreen live={liveState({ ...queue, orders: steps })} {...actions()} />);
    await screen.showing('a confirm #31');
    for (const hint of ['a start #32', 'a mark ready #33', 'a send out #34', 'a complete #35']) {
      await screen.press(KEY.down);
      await screen.showing(hint);
    }
  });

  it('c asks for a reason and cancels that order with it; Esc keeps the order', async () => {
    const { cancelled, ...rest } = actions();
    const screen = mount(<QueueScreen live={liveState(queue)} {...rest} />);
    await screen.showing('#');
    await screen.press('c');
    await screen.showing('Cancel #17, because:');
    await screen.press(KEY.escape);
    await screen.showing('c cancel');
    await screen.press(KEY.down, 'c');
    await screen.showing('Cancel #19, because:');
    await screen.press(KEY.enter); // no reason yet: refused, and the screen says why
    await screen.showing('type the reason first');
    expect(cancelled).toEqual([]);
    await screen.press(...'out of dough');
    await screen.press(KEY.enter);
    await vi.waitFor(() => expect(cancelled).toEqual([[19, 'out of dough']]));
  });

  it('Esc does not quit, even with no prompt open; q does', async () => {
    const screen = mount(<QueueScreen live={liveState(queue)} {...actions()} />);
    await screen.showing('a mark ready #17');
    await screen.press(KEY.escape, KEY.down);
    await screen.showing('a complete #19'); // still running: the key after Esc was taken
    await screen.press('q', KEY.down);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Gone: the key after q was not taken (read from every frame drawn: under CI Ink's last frame is blank).
    expect(screen.frames.some((frame) => frame.includes('a confirm #21'))).toBe(false);
  });

  it('keys that arrive in one burst act one by one: c, a reason with a typo fixed, then Enter', async () => {
    const { cancelled, ...rest } = actions();
    const screen = mount(<QueueScreen live={liveState(queue)} {...rest} />);
    await screen.showing('c cancel');
    screen.stdin.write('cno doughh\x7f\r');
    await vi.waitFor(() => expect(cancelled).toEqual([[17, 'no dough']]));
  });

  it('shows a page of rows that fits the terminal and follows the selection to the next', async () => {
    const many = Array.from({ length: 20 }, (_, i) => anOrder({ number: 100 + i, placedMinutesAgo: 30 - i }));
    const screen = mount(<QueueScreen live={liveState({ ...queue, orders: many })} {...actions()} />);
    // 24 rows, 12 of them for the rest of the screen.
    let frame = await screen.showing('orders 1–12 of 20');
    expect(frame).toContain('111 ');
    expect(frame).not.toContain('112 ');
    await screen.press(...Array<string>(12).fill(KEY.down));
    frame = await screen.showing('orders 13–20 of 20');
    expect(frame).toContain('a start #112');
  });

  it('an order that leaves while its cancel reason is typed is not cancelled, and the screen says why', async () => {
    const { cancelled, ...rest } = actions();
    const screen = mount(<QueueScreen live={liveState(queue)} {...rest} />);
    await screen.showing('c cancel');
    await screen.press('c', ...'too late');
    await screen.showing('Cancel #17, because: too late');
    screen.rerender(<QueueScreen live={liveState({ ...queue, orders: [pending, ready] })} {...rest} />);
    await screen.showing('(#17 is no longer open)');
    await screen.press(KEY.enter);
    await screen.showing('#17 is no longer open; nothing was cancelled');
    expect(cancelled).toEqual([]);
  });

  it('Enter opens the order’s detail: items, notes and its whole history, read again when it changes', async () => {
    const rest = actions();
    const noted = { ...late, notes: 'ring the bell', items: [anItem({ name: 'Burger', station: 'grill', state: 'COOKING', modifiers: ['no onion'], notes: 'well done' })] };
    const screen = mount(<QueueScreen live={liveState({ ...queue, orders: [noted] })} {...rest} />);
    await screen.showing('Enter detail #17');
    await screen.press(KEY.enter);
    const frame = await screen.showing('History');
    expect(frame).toMatch(/1× Burger \(grill, cooking\) \+ no onion ! well done/);
    expect(frame).toContain('note: ring the bell');
    await screen.showing(/PENDING → PREPARING by Grill \(kitchen\) · bagged/);
    expect(rest.history).toHaveBeenCalledTimes(1);
    screen.rerender(<QueueScreen live={liveState({ ...queue, orders: [{ ...noted, version: noted.version + 1 }] })} {...rest} />);
    await vi.waitFor(() => expect(rest.history).toHaveBeenCalledTimes(2));
    await screen.press(KEY.escape);
    await screen.showing('Enter detail #17');
  });

  it('s offers every status the lifecycle allows and sets the one chosen; CANCELLED asks for a reason', async () => {
    const rest = actions();
    const screen = mount(<QueueScreen live={liveState(queue)} {...rest} />);
    await screen.press('s');
    await screen.showing('Set #17 to: 1 READY   2 CANCELLED');
    await screen.press('1');
    await vi.waitFor(() => expect(rest.setStatus).toHaveBeenCalledWith(late, 'READY'));
    await screen.press('s', '2');
    await screen.showing('Cancel #17, because:');
  });

  it('t sorts by due time, then status; / finds orders by number, dish or customer', async () => {
    const screen = mount(<QueueScreen live={liveState(queue)} {...actions()} />);
    const numbers = (frame: string) => frame.split('\n').filter((line) => /^\d+ /.test(line)).map((line) => Number(line.split(' ')[0]));
    expect(numbers(await screen.showing('sorted by age'))).toEqual([17, 19, 21]);
    await screen.press('t');
    expect(numbers(await screen.showing('sorted by due'))).toEqual([17, 19, 21]);
    await screen.press('t');
    expect(numbers(await screen.showing('sorted by status'))).toEqual([21, 17, 19]);
    await screen.press('/', ...'guest 19', KEY.enter);
    expect(numbers(await screen.showing('matching “guest 19”'))).toEqual([19]);
    await screen.press(KEY.escape);
    expect(numbers(await screen.showing(/sorted by status(?! ·)/))).toEqual([21, 17, 19]);
  });

  it('shows the latest staff notification as a line', async () => {
    const notices = [{ message: 'New takeout order #22 for Ana (2 items)', at: NOW - 5_000 }];
    const screen = mount(<QueueScreen live={liveState({ ...queue, notices })} {...actions()} />);
    await screen.showing('🔔 New takeout order #22 for Ana (2 items)');
  });
});
