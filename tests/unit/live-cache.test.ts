// A value kept up to date between events. Resolvers read it with use(): while it is at hand they
// answer at once, with no promise for graphql-js to await, and while it is read they wait for it.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../server/events/bus.ts';
import { LiveCache } from '../../server/events/live-cache.ts';
import { nextTurn } from '../../server/event-loop.ts';
import { rushEvent } from '../support/events.ts';

describe('LiveCache.use', () => {
  const caches: LiveCache<unknown>[] = [];
  afterEach(() => caches.splice(0).forEach((cache) => cache.dispose()));

  it('waits for the value while it is read, then answers at once until an event makes it stale', async () => {
    const bus = new MemoryBus();
    let reads = 0;
    const cache = new LiveCache(bus, async () => ({ read: ++reads }));
    caches.push(cache);
    const first = cache.use((value) => value.read);
    expect(first).toBeInstanceOf(Promise);
    await expect(first).resolves.toBe(1);

    expect(cache.use((value) => value.read)).toBe(1);

    bus.publish(rushEvent(1));
    await nextTurn(); // the bus dispatches on the turn after the publish
    const reread = cache.use((value) => value.read);
    expect(reread).toBeInstanceOf(Promise);
    await expect(reread).resolves.toBe(2);
    expect(cache.use((value) => value.read)).toBe(2);
  });

  it('answers at once with the value an event brought it up to', async () => {
    const bus = new MemoryBus();
    const cache = new LiveCache(bus, async () => ({ events: 0 }), { applied: (value) => ({ events: value.events + 1 }) });
    caches.push(cache);
    await cache.use((value) => value);
    bus.publish(rushEvent(1));
    await nextTurn();
    expect(cache.use((value) => value.events)).toBe(1);
  });
});
