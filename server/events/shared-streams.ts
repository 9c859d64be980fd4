// One source per key, however many follow it: every customer tracking one order shares one live
// reading of it (one read per change, one estimate per look) instead of one each, and since they
// are all handed the same value, shared-execution.ts runs their selection once.
import { Repeater, SlidingBuffer } from 'graphql-yoga';

interface Hub<T> {
  source: AsyncIterator<T>;
  /** The newest value, for a follower that joins later. */
  latest?: { value: T };
  followers: Set<Follower<T>>;
}

interface Follower<T> {
  push(value: T): void;
  end(error?: unknown): void;
}

export class SharedStreams<K, T> {
  readonly #hubs = new Map<K, Hub<T>>();

  /**
   * The values of the source `open` makes for `key` (opened by the first follower, closed after
   * the last): the newest one at once if there is one, then each after it. A follower that reads
   * slowly gets the newest value and misses those in between, as a live view should.
   */
  follow(key: K, open: () => AsyncIterator<T>): Repeater<T> {
    return new Repeater<T>(async (push, stop) => {
      const follower: Follower<T> = { push: (value) => void push(value), end: (error) => stop(error) };
      let hub = this.#hubs.get(key);
      if (hub) {
        if (hub.latest) follower.push(hub.latest.value);
        hub.followers.add(follower);
      } else {
        hub = { source: open(), followers: new Set([follower]) };
        this.#hubs.set(key, hub);
        void this.#pump(key, hub);
      }
      await stop;
      hub.followers.delete(follower);
      if (hub.followers.size === 0 && this.#hubs.get(key) === hub) {
        this.#hubs.delete(key);
        await hub.source.return?.();
      }
    }, new SlidingBuffer(1));
  }

  async #pump(key: K, hub: Hub<T>): Promise<void> {
    let failure: unknown;
    try {
      for (;;) {
        const next = await hub.source.next();
        if (next.done) break;
        hub.latest = { value: next.value };
        for (const follower of hub.followers) follower.push(next.value);
      }
    } catch (error) {
      failure = error;
    }
    if (this.#hubs.get(key) === hub) this.#hubs.delete(key);
    for (const follower of hub.followers) follower.end(failure);
  }
}
