// One source per key, however many follow it: every customer tracking one order shares one live
// reading of it (one read per change, one estimate per look) instead of one each, and since they
// are all handed the same value, shared-execution.ts runs their selection once.
//
// A process holds thousands of these, one per order tracked, most with a single follower, so they
// are small records rather than Repeaters (a Repeater keeps about 2 KB of state of its own).

/** Where a reading's values go. */
export interface Sink<T> {
  next(value: T): void;
  /** The reading has ended (the value is gone), or failed with `error`. */
  end(error?: Error): void;
}

/** A running reading of one key's value, writing to its sink until stopped. */
export interface Reading {
  stop(): void;
}

export class SharedStreams<K, T> {
  readonly #hubs = new Map<K, Hub<K, T>>();

  /**
   * The values of the reading `open` starts for `key` (started for the first follower, stopped
   * after the last): the newest one at once if there is one, then each after it. A follower that
   * reads slowly gets the newest value and misses those in between, as a live view should.
   */
  follow(key: K, open: (sink: Sink<T>) => Reading): AsyncIterableIterator<T> {
    const opened = this.#hubs.get(key);
    const hub = opened ?? new Hub(key, this.#hubs);
    const follower = new Follower(hub);
    if (hub.latest) follower.push(hub.latest.value);
    hub.followers.add(follower);
    if (!opened) {
      this.#hubs.set(key, hub);
      hub.reading = open(hub);
    }
    return follower;
  }
}

/** One key's reading and its followers. */
class Hub<K, T> implements Sink<T> {
  readonly followers = new Set<Follower<T>>();
  /** The newest value, for a follower that joins later. */
  latest: { value: T } | undefined;
  reading: Reading | undefined;

  constructor(
    private readonly key: K,
    private readonly hubs: Map<K, Hub<K, T>>,
  ) {}

  next(value: T): void {
    this.latest = { value };
    for (const follower of this.followers) follower.push(value);
  }

  end(error?: Error): void {
    this.#forget();
    for (const follower of this.followers) follower.end(error);
  }

  leave(follower: Follower<T>): void {
    if (!this.followers.delete(follower) || this.followers.size > 0) return;
    this.#forget();
    this.reading?.stop();
  }

  /** The key's next follower opens a reading of its own. */
  #forget(): void {
    if (this.hubs.get(this.key) === this) this.hubs.delete(this.key);
  }
}

const DONE = { done: true, value: undefined } as const;

/** A follower's stream: the newest value not yet read, then the end. */
class Follower<T> implements AsyncIterableIterator<T> {
  #newest: { value: T } | undefined;
  /** A next() waiting for a value (or for the end). */
  #waiting: ((result: IteratorResult<T> | PromiseLike<IteratorResult<T>>) => void) | undefined;
  #ended: { error?: Error } | undefined;

  constructor(private readonly hub: Hub<unknown, T>) {}

  push(value: T): void {
    if (this.#ended) return;
    if (!this.#waiting) return void (this.#newest = { value });
    this.#answer({ done: false, value });
  }

  end(error?: Error): void {
    if (this.#ended) return;
    this.#ended = error === undefined ? {} : { error };
    if (this.#waiting) this.#answer(this.#last());
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#newest) {
      const { value } = this.#newest;
      this.#newest = undefined;
      return Promise.resolve({ done: false, value });
    }
    if (this.#ended) return this.#last();
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.#newest = undefined;
    this.#ended ??= {};
    this.#answer(DONE);
    this.hub.leave(this);
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #answer(result: IteratorResult<T> | PromiseLike<IteratorResult<T>>): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(result);
  }

  /** What next() answers once the stream has ended, its values all read. */
  #last(): Promise<IteratorResult<T>> {
    const { error } = this.#ended!;
    // Failed once: the next read after the failure is done.
    if (error === undefined) return Promise.resolve(DONE);
    this.#ended = {};
    return Promise.reject(error);
  }
}
