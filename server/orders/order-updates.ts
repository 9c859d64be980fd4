// One order, live: the order now, then again whenever it changes or its estimated ready time moves
// by a minute or more (because other tickets moved, or time passed). What a customer's tracker
// needs; intermediate states may be coalesced, the latest one is always delivered.
import { Repeater } from 'graphql-yoga';
import { estimateReadyAt } from '../domain/eta.ts';
import type { Services } from '../services.ts';
import type { OrderWithItems } from '../db/models.ts';

/** An estimate that moves less than this is not worth a push. */
const ESTIMATE_STEP_MS = 60_000;
/** Estimates also drift with the clock (a ticket running over); look again this often. */
const RECHECK_MS = 30_000;

export function orderUpdates(services: Services, orderId: number, options: { recheckMs?: number } = {}): Repeater<OrderWithItems> {
  const { bus, queries, kitchen, clock } = services;
  return new Repeater(async (push, stop) => {
    let reread = true; // the first pass reads the order
    let wake: (() => void) | undefined;
    let pending = true; // the first pass runs at once
    const signal = (ownChange: boolean) => {
      reread ||= ownChange;
      pending = true;
      wake?.();
    };
    // Listening starts before the first read, so no change can slip between the two.
    const unsubscribe = [
      bus.onEvent((event) => signal(event.orderId === orderId)),
      bus.onResync(() => signal(true)),
    ];
    const timer = setInterval(() => signal(false), options.recheckMs ?? RECHECK_MS);
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      wake?.();
    });

    let current: OrderWithItems | null = null;
    let pushedVersion = -1;
    let pushedEstimate: number | null = null;
    try {
      while (!stopped) {
        if (!pending) await new Promise<void>((resolve) => (wake = resolve));
        if (stopped) break;
        pending = false;
        if (reread || !current) {
          reread = false;
          current = (await queries.byIds([orderId]))[0] ?? null;
          if (!current) break;
        }
        const estimate = estimateReadyAt(current, await kitchen.get(), clock())?.getTime() ?? null;
        const moved = estimate !== null && (pushedEstimate === null || Math.abs(estimate - pushedEstimate) >= ESTIMATE_STEP_MS);
        if (current.version !== pushedVersion || moved) {
          pushedVersion = current.version;
          pushedEstimate = estimate;
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
