// Every live view of orders (a tracker's order, a customer's list) in one place, so that an event
// costs per view it concerns, not per view open. Its own events reach a view by its key (the
// order's id, or the customer key's hash it was placed with), never by asking every view. And
// since any order's event moves the kitchen's load, and so may move every open order's estimate
// (as does time passing), one look at the load per burst of events, and every RECHECK_MS, lets
// each view check its own estimates at once, instead of every view waking and awaiting the load.
import type { Logger } from 'pino';
import type { KitchenLoad } from '../domain/eta.ts';
import type { EventBus } from '../events/bus.ts';
import type { LiveCache } from '../events/live-cache.ts';
import type { EventMessage } from '../events/message.ts';
import { nextTurn } from '../event-loop.ts';
import { SmallSet } from '../small-set.ts';

/** Estimates also drift with the clock (a ticket running over); look again this often. */
const RECHECK_MS = 30_000;
/**
 * A look at thousands of views is done in slices, one per turn of the event loop, so that requests
 * arriving meanwhile (a query, a bump) wait for a slice, not for the whole look: a slice ends once
 * it has woken this many views, each of which then runs its subscription's execution (about half
 * a millisecond) before the next turn...
 */
export const WOKEN_PER_TURN = 4;
/**
 * ...or once its looks alone have taken this long (a few microseconds each, 5,000 views 10-25 ms).
 * Half a millisecond, not two: a trivial query as 5,000 customers' fan-out starts took 2.8-3.0 ms
 * against 3.1-4.9 (idle 1.1), and the loop's longest hold went from 9-14 ms to 6-7 (bench fan-out).
 */
export const LOOKS_PER_TURN_MS = 0.5;
/** How many looks between two readings of the clock. */
export const LOOKS_PER_CLOCK = 64;

export type WatchKey = { orderId: number } | { customerKeyHash: string };

export interface OrderWatcher {
  /** Which events are its own: those of this order, or of the orders placed with this customer key. */
  key: WatchKey;
  /** One of its own events. */
  changed(event: EventMessage): void;
  /** Events may have been missed (the bus reconnected): read again. */
  resync(): void;
  /**
   * The load after a burst of events, or as time passes; synchronous, so a look costs one read of
   * the load. True when it woke the view (an estimate moved).
   */
  look(load: KitchenLoad, now: Date): boolean;
}

function routeOf(key: WatchKey): number | string {
  return 'orderId' in key ? key.orderId : key.customerKeyHash;
}

export class OrderWatch {
  readonly #all = new Set<OrderWatcher>();
  /** By their key: an order's id, or a customer key's hash (a string, never a number). */
  readonly #routes = new Map<number | string, SmallSet<OrderWatcher>>();
  #stop: (() => void) | undefined;
  /** A look is under way; `#again` asks for another after it, for events that came meanwhile. */
  #looking = false;
  #again = false;

  constructor(
    private readonly bus: EventBus,
    private readonly kitchen: LiveCache<KitchenLoad>,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Tells `watcher` of its events and lets it look at estimates, until it is unwatched. */
  watch(watcher: OrderWatcher): void {
    if (this.#all.size === 0) this.#start();
    this.#all.add(watcher);
    const route = routeOf(watcher.key);
    const routed = this.#routes.get(route) ?? new SmallSet<OrderWatcher>();
    this.#routes.set(route, routed.add(watcher));
  }

  unwatch(watcher: OrderWatcher): void {
    if (!this.#all.delete(watcher)) return;
    const route = routeOf(watcher.key);
    const routed = this.#routes.get(route);
    routed?.delete(watcher);
    if (routed?.size === 0) this.#routes.delete(route);
    if (this.#all.size === 0) this.#stop?.();
  }

  #start(): void {
    const offs = [
      this.bus.onEvent((event) => this.#onEvent(event)),
      this.bus.onResync(() => {
        for (const watcher of this.#all) watcher.resync();
      }),
    ];
    const timer = setInterval(() => this.#look(), RECHECK_MS);
    this.#stop = () => {
      for (const off of offs) off();
      clearInterval(timer);
      this.#stop = undefined;
    };
  }

  #onEvent(event: EventMessage): void {
    for (const watcher of this.#routes.get(event.orderId) ?? []) watcher.changed(event);
    if (event.customerKeyHash) for (const watcher of this.#routes.get(event.customerKeyHash) ?? []) watcher.changed(event);
    this.#look();
  }

  #look(): void {
    if (this.#looking) return void (this.#again = true);
    this.#looking = true;
    this.kitchen
      .get()
      .then(async (load) => {
        const now = this.clock();
        let [woken, looked, sliceStart] = [0, 0, performance.now()];
        for (const watcher of [...this.#all]) {
          if (!this.#all.has(watcher)) continue; // stopped meanwhile
          if (watcher.look(load, now)) woken++;
          if (woken === WOKEN_PER_TURN || (++looked % LOOKS_PER_CLOCK === 0 && performance.now() - sliceStart > LOOKS_PER_TURN_MS)) {
            await nextTurn();
            [woken, sliceStart] = [0, performance.now()];
          }
        }
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'looking at estimates failed'))
      .finally(() => {
        this.#looking = false;
        if (this.#again) {
          this.#again = false;
          this.#look();
        }
      });
  }
}
