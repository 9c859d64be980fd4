import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, ORDER_TYPES } from '../../shared/lifecycle.ts';
import {
  KITCHEN_CAPACITY,
  estimateArrivalAt,
  estimateOpen,
  estimateReadyAt,
  kitchenPace,
  liveEstimate,
  loadAfter,
  minutesLate,
  observedPace,
  promisedAt,
  queueOrder,
  type Ticket,
  type TrackedLoad,
} from '../../server/domain/eta.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const minutesFromNow = (m: number) => new Date(NOW.getTime() + m * 60_000);
const minutesAfter = (from: Date | null, to: Date | null) => (to!.getTime() - from!.getTime()) / 60_000;

let nextId = 1;
function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: nextId++,
    status: 'PENDING',
    placedAt: minutesFromNow(-1),
    preparingAt: null,
    readyAt: null,
    prepMinutes: 10,
    rush: false,
    ...overrides,
  };
}

describe('ready-time estimate', () => {
  it('an order in an idle kitchen is ready after its own preparation time', () => {
    const order = ticket();
    expect(minutesAfter(NOW, estimateReadyAt(order, { open: [order], recentPaces: [] }, NOW))).toBe(10);
  });

  it('waits for a free slot once every slot is busy', () => {
    const cooking = Array.from({ length: KITCHEN_CAPACITY }, (_, i) =>
      ticket({ status: 'PREPARING', preparingAt: minutesFromNow(-i), prepMinutes: 10 }),
    );
    const order = ticket({ placedAt: NOW });
    // The earliest slot frees when the ticket started 3 minutes ago finishes: 7 minutes from now.
    const eta = estimateReadyAt(order, { open: [...cooking, order], recentPaces: [] }, NOW);
    expect(minutesAfter(NOW, eta)).toBe(7 + 10);
  });

  it('a rush ticket jumps the waiting queue but not the tickets already cooking', () => {
    const waiting = Array.from({ length: 8 }, () => ticket());
    const rush = ticket({ rush: true, placedAt: NOW });
    const normal = ticket({ placedAt: NOW });
    const load = { open: [...waiting, rush, normal], recentPaces: [] };
    expect(minutesAfter(NOW, estimateReadyAt(rush, load, NOW))).toBe(10);
    // Nine tickets ahead over four slots: a slot frees after two rounds of 10 minutes.
    expect(minutesAfter(NOW, estimateReadyAt(normal, load, NOW))).toBe(20 + 10);
  });

  it('a slow kitchen pushes estimates out; the pace is the median of recent tickets', () => {
    expect(kitchenPace([1.5, 1.5, 2, 1])).toBe(1.5);
    const order = ticket();
    const eta = estimateReadyAt(order, { open: [order], recentPaces: [1.5, 1.5, 1.5] }, NOW);
    expect(minutesAfter(NOW, eta)).toBe(15);
  });

  it('ignores the pace until enough tickets have been finished, and bounds it', () => {
    expect(kitchenPace([3, 3])).toBe(1);
    expect(kitchenPace([10, 10, 10])).toBe(3);
    expect(kitchenPace([0.1, 0.1, 0.1])).toBe(0.5);
  });

  it('a ticket that is overdue is still never estimated as ready in the past', () => {
    const order = ticket({ status: 'PREPARING', preparingAt: minutesFromNow(-30) });
    expect(minutesAfter(NOW, estimateReadyAt(order, { open: [order], recentPaces: [] }, NOW))).toBe(1);
  });

  it('finished orders report when they were ready; cancelled ones have no estimate', () => {
    const readyAt = minutesFromNow(-2);
    expect(estimateReadyAt(ticket({ status: 'COMPLETED', readyAt }), { open: [], recentPaces: [] }, NOW)).toEqual(readyAt);
    expect(estimateReadyAt(ticket({ status: 'CANCELLED' }), { open: [], recentPaces: [] }, NOW)).toBeNull();
  });

  it('more work ahead never makes an estimate earlier', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), fc.integer({ min: 1, max: 40 }), (ahead, extra) => {
        const queue = ahead.map((prepMinutes) => ticket({ prepMinutes, placedAt: minutesFromNow(-5) }));
        const order = ticket({ placedAt: NOW });
        const before = estimateReadyAt(order, { open: [...queue, order], recentPaces: [] }, NOW)!;
        const more = ticket({ prepMinutes: extra, placedAt: minutesFromNow(-5) });
        const after = estimateReadyAt(order, { open: [...queue, more, order], recentPaces: [] }, NOW)!;
        expect(after.getTime()).toBeGreaterThanOrEqual(before.getTime());
      }),
    );
  });

  it('measures a finished ticket’s pace from when cooking started', () => {
    const t = { placedAt: minutesFromNow(-30), preparingAt: minutesFromNow(-20), readyAt: NOW, prepMinutes: 10 };
    expect(observedPace(t)).toBe(2);
    expect(observedPace({ ...t, readyAt: null })).toBeNull();
  });

  it('reports lateness in whole minutes against the promise', () => {
    expect(minutesLate(NOW, minutesFromNow(6.2))).toBe(6);
    expect(minutesLate(NOW, minutesFromNow(-3))).toBe(0);
    expect(minutesLate(NOW, null)).toBe(0);
  });
});

describe('every open ticket estimated at once', () => {
  const openTicket = fc.record({
    status: fc.constantFrom<Ticket['status']>('PENDING', 'CONFIRMED', 'PREPARING'),
    placedMinutesAgo: fc.integer({ min: 0, max: 90 }),
    cookingMinutes: fc.integer({ min: 0, max: 60 }),
    prepMinutes: fc.integer({ min: 1, max: 45 }),
    rush: fc.boolean(),
  });
  type OpenTicket = typeof openTicket extends fc.Arbitrary<infer T> ? T : never;
  const loadOf = (tickets: OpenTicket[], paces: number[]) => ({
    open: tickets.map((t, i) =>
      ticket({ id: i + 1, status: t.status, placedAt: minutesFromNow(-t.placedMinutesAgo), preparingAt: t.status === 'PREPARING' ? minutesFromNow(-t.cookingMinutes) : null, prepMinutes: t.prepMinutes, rush: t.rush }),
    ),
    recentPaces: paces,
  });

  it('gives every ticket the estimate it gets on its own', () => {
    fc.assert(
      fc.property(fc.array(openTicket, { maxLength: 30 }), fc.array(fc.double({ min: 0.3, max: 4, noNaN: true }), { maxLength: 6 }), (tickets, paces) => {
        const load = loadOf(tickets, paces);
        const all = estimateOpen(load, NOW);
        for (const open of load.open) expect(all.get(open.id)).toEqual(estimateReadyAt(open, load, NOW));
      }),
    );
  });

  it('answers live paths as of the start of the second, and a ticket newer than the load on its own', () => {
    const load = loadOf([{ status: 'PREPARING', placedMinutesAgo: 5, cookingMinutes: 2, prepMinutes: 10, rush: false }, { status: 'PENDING', placedMinutesAgo: 1, cookingMinutes: 0, prepMinutes: 10, rush: false }], []);
    const later = new Date(NOW.getTime() + 600);
    expect(liveEstimate(load.open[1]!, load, later)).toEqual(estimateReadyAt(load.open[1]!, load, NOW));
    const rushed = { ...load.open[1]!, rush: true };
    expect(liveEstimate(rushed, load, later)).toEqual(estimateReadyAt(rushed, load, NOW));
    expect(liveEstimate({ ...load.open[1]!, status: 'CANCELLED' }, load, later)).toBeNull();
  });

  it('promises a ticket placed now what estimateReadyAt gives it as of the second, however the load came about', () => {
    const step = fc.record({ kind: fc.constantFrom('place', 'confirm', 'rush', 'cook'), prepMinutes: fc.integer({ min: 1, max: 45 }), rush: fc.boolean() });
    fc.assert(
      fc.property(fc.array(openTicket, { maxLength: 30 }), fc.array(step, { maxLength: 25 }), fc.array(fc.double({ min: 0.3, max: 4, noNaN: true }), { maxLength: 6 }), (tickets, steps, paces) => {
        const start = loadOf(tickets, paces);
        let load: TrackedLoad = { ...start, open: [...start.open].sort(queueOrder), versions: new Map(start.open.map((open) => [open.id, 1])) };
        const version = (id: number) => load.versions.get(id)! + 1;
        steps.forEach((change, i) => {
          // Within the second that starts at NOW, each a millisecond after the one before.
          const now = new Date(NOW.getTime() + 250 + i);
          const fresh = ticket({ id: 0, placedAt: now, prepMinutes: change.prepMinutes, rush: change.rush });
          expect(promisedAt(fresh, load, now)).toEqual(estimateReadyAt(fresh, load, NOW));
          const waiting = load.open.find((open) => open.status !== 'PREPARING');
          let next: TrackedLoad | undefined;
          if (change.kind === 'place') next = loadAfter(load, { ...fresh, id: 1_000 + i, version: 1 });
          else if (waiting && change.kind === 'confirm') next = loadAfter(load, { ...waiting, status: 'CONFIRMED', version: version(waiting.id) });
          else if (waiting && change.kind === 'rush') next = loadAfter(load, { ...waiting, rush: !waiting.rush, version: version(waiting.id) });
          else if (waiting) next = loadAfter(load, { ...waiting, status: 'PREPARING', preparingAt: NOW, version: version(waiting.id) });
          if (next) load = next;
        });
      }),
    );
  });
});

describe('delivery arrival estimate', () => {
  const left = minutesFromNow(-5);

  it('is when the delivery left plus the delivery time, while it is on its way', () => {
    expect(estimateArrivalAt({ type: 'DELIVERY', status: 'OUT_FOR_DELIVERY', outForDeliveryAt: left }, 20)).toEqual(minutesFromNow(15));
    expect(estimateArrivalAt({ type: 'DELIVERY', status: 'OUT_FOR_DELIVERY', outForDeliveryAt: left }, 1)).toEqual(minutesFromNow(-4));
  });

  it('is null for every other type and status, even with a departure time recorded', () => {
    for (const type of ORDER_TYPES) {
      for (const status of ORDER_STATUSES) {
        if (type === 'DELIVERY' && status === 'OUT_FOR_DELIVERY') continue;
        expect(estimateArrivalAt({ type, status, outForDeliveryAt: left }, 20), `${type} ${status}`).toBeNull();
      }
    }
  });

  it('is null for a delivery on its way without a departure time', () => {
    expect(estimateArrivalAt({ type: 'DELIVERY', status: 'OUT_FOR_DELIVERY', outForDeliveryAt: null }, 20)).toBeNull();
  });
});
