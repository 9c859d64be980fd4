// A subscription to a LiveCache: the value now, then again after changes, at most every
// THROTTLE_MS however fast events arrive, and every REFRESH_MS for values that move with the clock.
import { Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { EventBus } from './bus.ts';
import type { LiveCache } from './live-cache.ts';

const THROTTLE_MS = 250;
const REFRESH_MS = 30_000;

export function liveView<T>(bus: EventBus, cache: LiveCache<T>, logger: Logger): Repeater<T> {
  return new Repeater<T>(async (push, stop) => {
    let pending: NodeJS.Timeout | undefined;
    const refresh = () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        cache.get().then(push, (error) => logger.warn({ err: error }, 'refreshing a live view failed'));
      }, THROTTLE_MS);
    };
    const unsubscribe = [bus.onEvent(refresh), bus.onResync(refresh)];
    const clock = setInterval(() => {
      cache.invalidate();
      refresh();
    }, REFRESH_MS);
    await push(await cache.get());
    await stop;
    clearTimeout(pending);
    clearInterval(clock);
    for (const off of unsubscribe) off();
  });
}
