// Orders, live: what a customer's tracker follows. A value (one order, or a customer's list) is
// pushed at once, then again whenever one of its orders changes, the list itself changes, or an
// order's estimated ready time moves by a minute or more (because other tickets moved, or time
// passed). Intermediate states may be coalesced; the latest one is always delivered.
import { liveEstimate, type KitchenLoad } from '../domain/eta.ts';
import type { EventMessage } from '../events/message.ts';
import type { Services } from '../services.ts';
import type { Reading, Sink } from '../events/shared-streams.ts';
import type { OrderWatcher, WatchKey } from './order-watch.ts';
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

/** Each order's estimate (epoch ms) as pushed, by id: a view holds one or a few, so pairs, not a Map (300 bytes, thousands of views over). */
type Estimates = readonly (readonly [id: number, estimate: number | null])[];

function estimatesOf(orders: readonly OrderWithItems[], load: KitchenLoad, now: Date): Estimates {
  return orders.map((order) => [order.id, liveEstimate(order, load, now)?.getTime() ?? null]);
}

/** Some order's estimate moved by a step or more since it was pushed (or has one now and had none). */
function moved(orders: readonly OrderWithItems[], load: KitchenLoad, now: Date, pushed: Estimates): boolean {
  // Asked of every view after every event: nothing is allocated.
  return orders.some((order) => {
    const estimate = liveEstimate(order, load, now)?.getTime() ?? null;
    const was = pushed.find(([id]) => id === order.id)?.[1] ?? null;
    return estimate !== null && (was === null || Math.abs(estimate - was) >= ESTIMATE_STEP_MS);
  });
}

/**
 * A live reading of `source`: its value at once, then again after its events, or when its
 * estimates move, written to `sink` until stopped; the sink is ended when the value is gone.
 * One for each order tracked in a process, so its state is fields and its callbacks methods,
 * and between passes nothing of it waits: a signal starts the passes, which run while asked for.
 */
class LiveOrders<T> implements OrderWatcher, Reading {
  #reread = true; // the first pass reads the value
  #pending = true; // the first pass runs at once
  #running = false;
  #stopped = false;
  #current: T | null = null;
  /** The orders' ids and versions as last pushed; null before the first push. */
  #pushedVersions: string | null = null;
  #pushedEstimates: Estimates = [];

  constructor(
    private readonly services: Services,
    private readonly source: LiveSource<T>,
    private readonly sink: Sink<T>,
  ) {
    // Listening starts before the first read, so no change can slip between the two.
    services.watch.watch(this);
    void this.#run();
  }

  get key(): WatchKey {
    return this.source.key;
  }

  changed(event: EventMessage): void {
    const applied = this.#current === null || this.#reread ? undefined : this.source.applied?.(this.#current, event);
    if (applied) this.#current = applied;
    this.#signal(!applied);
  }

  resync(): void {
    this.#signal(true);
  }

  /** Other orders' events, and time, wake this view only when its estimates moved. */
  look(load: KitchenLoad, now: Date): boolean {
    if (this.#pending || this.#current === null) return false;
    const stale = this.source.stale?.() ?? false;
    if (!stale && !moved(this.source.ordersOf(this.#current), load, now, this.#pushedEstimates)) return false;
    this.#signal(stale);
    return true;
  }

  /** Its sink hears nothing more (a pass under way finds it stopped before it pushes). */
  stop(): void {
    this.#stopped = true;
    if (!this.#running) this.services.watch.unwatch(this);
  }

  #signal(changed: boolean): void {
    this.#reread ||= changed;
    this.#pending = true;
    if (!this.#running) void this.#run();
  }

  /** The passes asked for, one after another, until none is; the end, if the value is gone or could not be read. */
  async #run(): Promise<void> {
    this.#running = true;
    try {
      while (this.#pending && !this.#stopped) {
        if (!(await this.#pass())) {
          this.#stopped = true;
          this.sink.end();
        }
      }
    } catch (error) {
      this.#stopped = true;
      this.sink.end(error as Error); // a read's failure (the database's)
    } finally {
      this.#running = false;
      if (this.#stopped) this.services.watch.unwatch(this);
    }
  }

  /** Reads the value again if it may have changed, and pushes it if it or its estimates moved; false when it is gone. */
  async #pass(): Promise<boolean> {
    this.#pending = false;
    if (this.#reread || this.#current === null || this.source.stale?.()) {
      this.#reread = false;
      this.#current = await this.source.read();
      if (this.#current === null) return false;
    }
    const current = this.#current;
    const orders = this.source.ordersOf(current);
    const [load, now] = [await this.services.kitchen.get(), this.services.clock()];
    if (this.#stopped) return true;
    const versions = orders.map((order) => `${order.id}:${order.version}`).join(',');
    if (versions !== this.#pushedVersions || moved(orders, load, now, this.#pushedEstimates)) {
      this.#pushedVersions = versions;
      this.#pushedEstimates = estimatesOf(orders, load, now);
      this.sink.push(current);
    }
    return true;
  }
}

/** A live reading of `source` into `sink` (shared-streams.ts shares it among a key's followers). */
export function liveOrders<T>(services: Services, source: LiveSource<T>, sink: Sink<T>): Reading {
  return new LiveOrders(services, source, sink);
}

/** One order, live: what a tracker holding its tracking code follows. */
export function orderUpdates(services: Services, orderId: number, sink: Sink<OrderWithItems>): Reading {
  return liveOrders(services, new OneOrder(services, orderId), sink);
}

/** One order as a LiveSource: one for each order tracked, so methods rather than closures. */
class OneOrder implements LiveSource<OrderWithItems> {
  readonly key: { orderId: number };
  constructor(
    private readonly services: Services,
    orderId: number,
  ) {
    this.key = { orderId };
  }

  async read(): Promise<OrderWithItems | null> {
    return (await this.services.queries.byIds([this.key.orderId]))[0] ?? null;
  }

  ordersOf(order: OrderWithItems): readonly OrderWithItems[] {
    return [order];
  }

  /** Events of one order can arrive out of order (from two processes); a version never goes back. */
  applied(order: OrderWithItems, event: EventMessage): OrderWithItems | undefined {
    return event.order && (event.order.version > order.version ? event.order : order);
  }
}

/** One order, live, shared by everyone tracking it in this process. */
export function followOrder(services: Services, orderId: number): AsyncIterableIterator<OrderWithItems> {
  return services.followed.orders.follow(orderId, (sink) => orderUpdates(services, orderId, sink));
}
