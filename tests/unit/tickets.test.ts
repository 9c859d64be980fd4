// The kitchen display's and the queue's rules: what shows, in which order, how urgent.
import { describe, expect, it } from 'vitest';
import {
  bumpLabel,
  countByStatus,
  destination,
  earlierDay,
  elapsed,
  kitchenTickets,
  newestDay,
  pageOf,
  readyNumbers,
  selectedIndex,
  urgency,
} from '../../cli/tui/tickets.ts';
import { anOrder, NOW } from '../tui/orders.ts';

describe('the kitchen tickets', () => {
  it('shows what cooks still work on, rush first, then oldest first', () => {
    const old = anOrder({ number: 1, placedMinutesAgo: 20 });
    const recent = anOrder({ number: 2, placedMinutesAgo: 2, status: 'PENDING' });
    const rush = anOrder({ number: 3, placedMinutesAgo: 1, rush: true, status: 'PREPARING' });
    const ready = anOrder({ number: 4, placedMinutesAgo: 30, status: 'READY' });
    const out = anOrder({ number: 5, placedMinutesAgo: 30, status: 'OUT_FOR_DELIVERY', type: 'DELIVERY' });
    expect(kitchenTickets([recent, ready, old, out, rush]).map((o) => o.number)).toEqual([3, 1, 2]);
  });

  it('orders placed at the same moment keep their number order', () => {
    const [b, a] = [anOrder({ number: 8, placedMinutesAgo: 3 }), anOrder({ number: 7, placedMinutesAgo: 3 })];
    expect(kitchenTickets([b, a]).map((o) => o.number)).toEqual([7, 8]);
  });

  it('lists the numbers waiting at the pass, oldest first', () => {
    const orders = [anOrder({ number: 9, status: 'READY', placedMinutesAgo: 2 }), anOrder({ number: 4, status: 'READY', placedMinutesAgo: 9 }), anOrder({ number: 5 })];
    expect(readyNumbers(orders)).toEqual([4, 9]);
  });
});

describe('a ticket', () => {
  it('counts its age in m:ss, then h:mm:ss, never below zero', () => {
    expect(elapsed(new Date(NOW - 65_000).toISOString(), NOW)).toBe('1:05');
    expect(elapsed(new Date(NOW - (3600 + 61) * 1000).toISOString(), NOW)).toBe('1:01:01');
    expect(elapsed(new Date(NOW + 5_000).toISOString(), NOW)).toBe('0:00');
  });

  it('is on time, then due soon in the last three minutes, then late', () => {
    const promisedIn = (minutes: number) => ({ late: false, promisedAt: new Date(NOW + minutes * 60_000).toISOString() });
    expect(urgency(promisedIn(10), NOW)).toBe('on-time');
    expect(urgency(promisedIn(3), NOW)).toBe('due-soon');
    expect(urgency(promisedIn(-1), NOW)).toBe('late');
    // The server's estimate has passed the promise: late before the clock says so.
    expect(urgency({ ...promisedIn(10), late: true }, NOW)).toBe('late');
  });

  it('says who it is for', () => {
    expect(destination({ type: 'DINE_IN', table: '4', customerName: 'Sam' })).toBe('table 4');
    expect(destination({ type: 'TAKEOUT', table: null, customerName: 'Sam' })).toBe('takeout · Sam');
    expect(destination({ type: 'DELIVERY', table: null, customerName: '' })).toBe('delivery');
  });

  it('names its business day when that is earlier than the newest shown (numbers restart daily)', () => {
    const days = ['2026-11-24', '2026-11-25', '2026-02-28'].map((businessDate) => ({ businessDate }));
    expect(newestDay(days)).toBe('2026-11-25');
    expect(newestDay([])).toBe('');
    expect(days.map((day) => earlierDay(day, '2026-11-25'))).toEqual(['Nov 24', null, 'Feb 28']);
  });

  it('names what a bump does with a verb, by the status it moves to', () => {
    const next = ['CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'COMPLETED', null] as const;
    expect(next.map(bumpLabel)).toEqual(['confirm', 'start', 'mark ready', 'send out', 'complete', null]);
  });
});

describe('the queue', () => {
  it('counts every open status, zeros included, in lifecycle order', () => {
    const counts = countByStatus([anOrder({ status: 'READY' }), anOrder({ status: 'PENDING' }), anOrder({ status: 'READY' })]);
    expect(counts).toEqual([
      { status: 'PENDING', count: 1 },
      { status: 'CONFIRMED', count: 0 },
      { status: 'PREPARING', count: 0 },
      { status: 'READY', count: 2 },
      { status: 'OUT_FOR_DELIVERY', count: 0 },
    ]);
  });
});

describe('the queue’s counters', () => {
  it('take the server’s counts when given: they cover orders beyond the ones loaded', () => {
    const server = [
      { status: 'PENDING', count: 140 },
      { status: 'PREPARING', count: 75 },
      { status: 'COMPLETED', count: 30 },
    ];
    expect(countByStatus([anOrder({ status: 'PENDING' })], server)).toEqual([
      { status: 'PENDING', count: 140 },
      { status: 'CONFIRMED', count: 0 },
      { status: 'PREPARING', count: 75 },
      { status: 'READY', count: 0 },
      { status: 'OUT_FOR_DELIVERY', count: 0 },
    ]);
  });
});

describe('the selection', () => {
  const [a, b, c] = [anOrder(), anOrder(), anOrder()];
  it('follows its order when others come and go', () => {
    // b was second; a leaves, so b is first now, and the same place would be c.
    expect(selectedIndex([b, c], { id: b.id, index: 1 })).toBe(0);
    expect(selectedIndex([a, c, b], { id: b.id, index: 1 })).toBe(2);
  });

  it('keeps its place when its order leaves, within the list', () => {
    expect(selectedIndex([a, c], { id: b.id, index: 1 })).toBe(1);
    expect(selectedIndex([a], { id: c.id, index: 2 })).toBe(0);
    expect(selectedIndex([], { id: a.id, index: 0 })).toBe(0);
  });
});

describe('pages', () => {
  it('hold the selection, the last one partly filled', () => {
    expect(pageOf(0, 3, 5)).toEqual([0, 3]);
    expect(pageOf(2, 3, 5)).toEqual([0, 3]);
    expect(pageOf(3, 3, 5)).toEqual([3, 5]);
    expect(pageOf(0, 3, 0)).toEqual([0, 0]);
  });
});
