// Orders, live: what a customer's tracker follows. A value (one order, or a customer's list) is
// pushed at once, then again whenever one of its orders changes, the list itself changes, or an
// order's estimated ready time moves by a minute or more (because other tickets moved, or time
// passed). Intermediate states may be coalesced; the latest one is always delivered.
import { Repeater } from 'graphql-yoga';
import { liveEstimate, type KitchenLoad } from '../domain/eta.ts';
import type { EventMessage } from '../events/message.ts';
import type { Services } from '../services.ts';
import type { WatchKey } from './order-watch.ts';
import type { OrderWithItems } from '../db/models.ts';

/** An estimate that moves less than this is not worth a push. */
const ESTIMATE_STEP_MS = 60_000;

/** What is followed: how to read it, which orders it holds, and which events change it. */
export interface LiveSource<T> {
  /** The value now; null ends the stream (the order is gone). */
  read(): Promise<T | null>;
  ordersOf(value: T): readonly OrderWithItems[];
  /** Which events change the value (services.watch routes them); any event may still move estimates. */
  key: WatchKey;
  /** The value after one of its events, when the event says it all (the order it committed); else it is read again. */
  applied?(value: T, event: EventMessage): T | undefined;
  /** The value has gone out of date without an event (a new business day); checked on every look. */
  stale?(): boolean;
}

type Estimates = Map<number, number | null>;

function estimatesOf(orders: readonly OrderWithItems[], load: KitchenLoad, now: Date): Estimates {
  return new Map(orders.map((order) => [order.id, liveEstimate(order, load, now)?.getTime() ?? null]));
}

/** Some order's estimate moved by a step or more since it was pushed (or has one now and had none). */
function moved(orders: readonly OrderWithItems[], load: KitchenLoad, now: Date, pushed: Estimates): boolean {
  // Asked of every view after every event: nothing is allocated.
  return orders.some((order) => {
    const estimate = liveEstimate(order, load, now)?.getTime() ?? null;
    const was = pushed.get(order.id) ?? null;
    return estimate !== null && (was === null || Math.abs(estimate - was) >= ESTIMATE_STEP_MS);
  });
}

export function liveOrders<T>(services: Services, source: LiveSource<T>): Repeater<T> {
  const { kitchen, clock, watch } = services;
  return new Repeater(async (push, stop) => {
    let reread = true; // the first pass reads the value
    let wake: (() => void) | undefined;
    let pending = true; // the first pass runs at once
    let current: T | null = null;
    /** The orders' ids and versions as last pushed; null before the first push. */
    let pushedVersions: string | null = null;
    let pushedEstimates: Estimates = new Map();
    const signal = (changed: boolean) => {
      reread ||= changed;
      pending = true;
      wake?.();
    };
    // Listening starts before the first read, so no change can slip between the two.
    const unwatch = watch.watch({
      key: source.key,
      changed: (event) => {
        const applied = current === null || reread ? undefined : source.applied?.(current, event);
        if (applied) current = applied;
        signal(!applied);
      },
      resync: () => signal(true),
      // Other orders' events, and time, wake this view only when its estimates moved.
      look: (load, now) => {
        if (pending || current === null) return false;
        const stale = source.stale?.() ?? false;
        if (!stale && !moved(source.ordersOf(current), load, now, pushedEstimates)) return false;
        signal(stale);
        return true;
      },
    });
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      wake?.();
    });

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
        const [load, now] = [await kitchen.get(), clock()];
        const versions = orders.map((order) => `${order.id}:${order.version}`).join(',');
        if (versions !== pushedVersions || moved(orders, load, now, pushedEstimates)) {
          pushedVersions = versions;
          pushedEstimates = estimatesOf(orders, load, now);
          await push(current);
        }
      }
    } catch (error) {
      stop(error);
    } finally {
      unwatch();
    }
  });
}

/** One order, live: what a tracker holding its tracking code follows. */
export function orderUpdates(services: Services, orderId: number): Repeater<OrderWithItems> {
  return liveOrders(
    services,
    {
      read: async () => (await services.queries.byIds([orderId]))[0] ?? null,
      ordersOf: (order) => [order],
      key: { orderId },
      // Events of one order can arrive out of order (from two processes); a version never goes back.
      applied: (order, event) => event.order && (event.order.version > order.version ? event.order : order),
    },
  );
}

/** One order, live, shared by everyone tracking it in this process. */
export function followOrder(services: Services, orderId: number): Repeater<OrderWithItems> {
  return services.followed.orders.follow(orderId, () => orderUpdates(services, orderId));
}
