// A look at estimates visits every open live view; with thousands open it must not hold the
// event loop for all of them at once, or every request arriving meanwhile waits for the whole look.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../server/events/bus.ts';
import { LiveCache } from '../../server/events/live-cache.ts';
import { LOOKS_PER_CLOCK, LOOKS_PER_TURN_MS, OrderWatch, WOKEN_PER_TURN } from '../../server/orders/order-watch.ts';
import type { KitchenLoad } from '../../server/domain/eta.ts';
import { rushEvent } from '../support/events.ts';
import { perTurn, turnCounter } from '../support/turns.ts';

const VIEWS = 2_000;

describe('a look at every live view', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  /** `VIEWS` views whose look takes `lookUs` microseconds and answers `wakes`; resolves with the turn each looked in. */
  function watchAll(lookUs: number, wakes: boolean): { turns: Promise<number[]>; bus: MemoryBus } {
    const bus = new MemoryBus();
    const kitchen = new LiveCache<KitchenLoad>(bus, async () => ({ open: [], recentPaces: [] }));
    const watch = new OrderWatch(bus, kitchen, () => new Date(), pino({ level: 'silent' }));
    const counter = turnCounter();
    stops.push(counter.stop, () => kitchen.dispose());
    const turns: number[] = [];
    let looked!: (turns: number[]) => void;
    const done = new Promise<number[]>((resolve) => (looked = resolve));
    for (let id = 1; id <= VIEWS; id++) {
      const watcher = {
        key: { orderId: id },
        changed: () => {},
        resync: () => {},
        look: () => {
          const until = performance.now() + lookUs / 1_000;
          while (performance.now() < until); // a look's own work
          turns.push(counter.now());
          if (turns.length === VIEWS) looked(turns);
          return wakes;
        },
      };
      watch.watch(watcher);
      stops.push(() => watch.unwatch(watcher));
    }
    return { turns: done, bus };
  }

  it('lets the event loop turn every few milliseconds, though no view wakes', async () => {
    // 2,000 looks of 10 µs: at least 20 ms, which slices of LOOKS_PER_TURN_MS split in several.
    const { turns, bus } = watchAll(10, false);
    bus.publish(rushEvent(1));
    const counts = perTurn(await turns);
    expect(counts.size).toBeGreaterThanOrEqual(Math.floor(20 / LOOKS_PER_TURN_MS / 2));
  });

  it(`wakes at most ${WOKEN_PER_TURN} views in one turn`, async () => {
    const { turns, bus } = watchAll(0, true);
    bus.publish(rushEvent(1));
    const counts = perTurn(await turns);
    expect(Math.max(...counts.values())).toBe(WOKEN_PER_TURN);
    // Every turn is filled, but for a slice that also ran out of time: the clock is read every
    // LOOKS_PER_CLOCK looks, and on a loaded machine a few views can outlast LOOKS_PER_TURN_MS.
    expect(counts.size).toBeGreaterThanOrEqual(VIEWS / WOKEN_PER_TURN);
    expect(counts.size).toBeLessThanOrEqual(VIEWS / WOKEN_PER_TURN + VIEWS / LOOKS_PER_CLOCK);
  });
});
