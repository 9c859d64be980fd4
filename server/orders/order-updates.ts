// Orders, live: what a customer's tracker follows. A value (one order, or a customer's list) is
// pushed at once, then again whenever one of its orders changes, the list itself changes, or an
// order's estimated ready time moves by a minute or more (because other tickets moved, or time
// passed). Intermediate states may be coalesced; the latest one is always delivered.
import { Repeater } from 'graphql-yoga';
import { liveEstimate } from '../domain/eta.ts';
import type { EventMessage } from '../events/message.ts';
import type { Services } from '../services.ts';
import type { OrderWithItems } from '../db/models.ts';

/** An estimate that moves less than this is not worth a push. */
const ESTIMATE_STEP_MS = 60_000;
/** Estimates also drift with the clock (a ticket running over); look again this often. */
const RECHECK_MS = 30_000;

export interface LiveOptions {
  recheckMs?: number;
}

/** What is followed: how to read it, which orders it holds, and which events change it. */
export interface LiveSource<T> {
  /** The value now; null ends the stream (the order is gone). */
  read(): Promise<T | null>;
  ordersOf(value: T): readonly OrderWithItems[];
  /** The event changed the value, so it must be read again. Any event may still move estimates. */
  concerns(event: EventMessage): boolean;
  /** The value after an event it concerns, when the event says it all (the order it committed); else it is read again. */
  applied?(value: T, event: EventMessage): T | undefined;
  /** The value has gone out of date without an event (a new business day); checked on every look. */
  stale?(): boolean;
}

export function liveOrders<T>(services: Services, source: LiveSource<T>, options: LiveOptions = {}): Repeater<T> {
  const { bus, kitchen, clock } = services;
  return new Repeater(async (push, stop) => {
    let reread = true; // the first pass reads the value
    let wake: (() => void) | undefined;
    let pending = true; // the first pass runs at once
    let current: T | null = null;
    const signal = (changed: boolean) => {
      reread ||= changed;
      pending = true;
      wake?.();
    };
    const onEvent = (event: EventMessage) => {
      if (!source.concerns(event)) return signal(false);
      const applied = current === null || reread ? undefined : source.applied?.(current, event);
      if (applied) current = applied;
      signal(!applied);
    };
    // Listening starts before the first read, so no change can slip between the two.
    const unsubscribe = [bus.onEvent(onEvent), bus.onResync(() => signal(true))];
    const timer = setInterval(() => signal(false), options.recheckMs ?? RECHECK_MS);
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      wake?.();
    });

    /** The orders' ids and versions as last pushed; null before the first push. */
    let pushedVersions: string | null = null;
    let pushedEstimates = new Map<number, number | null>();
    try {
      while (!stopped) {
        if (!pending) await new Promise<void>((resolve) => (wake = resolve));
        if (stopped) break;
        pending = false;
        if (reread || current === null || source.stale?.()) {
          reread = false;
          current = await source.read();
          if (current === null) break;
        }
        const orders = source.ordersOf(current);
        const load = await kitchen.get();
        const now = clock();
        const estimates = new Map(orders.map((order) => [order.id, liveEstimate(order, load, now)?.getTime() ?? null]));
        const versions = orders.map((order) => `${order.id}:${order.version}`).join(',');
        const moved = orders.some((order) => {
          const estimate = estimates.get(order.id) ?? null;
          const pushed = pushedEstimates.get(order.id) ?? null;
          return estimate !== null && (pushed === null || Math.abs(estimate - pushed) >= ESTIMATE_STEP_MS);
        });
        if (versions !== pushedVersions || moved) {
          pushedVersions = versions;
          pushedEstimates = estimates;
          await push(current);
        }
      }
    } catch (error) {
      stop(error);
    } finally {
      clearInterval(timer);
      for (const off of unsubscribe) off();
    }
  });
}

/** One order, live: what a tracker holding its tracking code follows. */
export function orderUpdates(services: Services, orderId: number, options: LiveOptions = {}): Repeater<OrderWithItems> {
  return liveOrders(
    services,
    {
      read: async () => (await services.queries.byIds([orderId]))[0] ?? null,
      ordersOf: (order) => [order],
      concerns: (event) => event.orderId === orderId,
      // Events of one order can arrive out of order (from two processes); a version never goes back.
      applied: (order, event) => event.order && (event.order.version > order.version ? event.order : order),
    },
    options,
  );
}

/** One order, live, shared by everyone tracking it in this process. */
export function followOrder(services: Services, orderId: number): Repeater<OrderWithItems> {
  return services.followed.orders.follow(orderId, () => orderUpdates(services, orderId));
}
