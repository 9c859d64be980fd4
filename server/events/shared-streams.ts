// One source per key, however many follow it: every customer tracking one order shares one live
// reading of it (one read per change, one estimate per look) instead of one each, and since they
// are all handed the same value, shared-execution.ts runs their selection once.
//
// A process holds thousands of these, one per order tracked, most with a single follower, so they
// are small records rather than Repeaters (a Repeater keeps about 2 KB of state of its own).

import { SmallSet } from '../small-set.ts';

/** Where a reading's values go. */
export interface Sink<T> {
  push(value: T): void;
  /** The reading has ended (the value is gone), or failed with `error`. */
  end(error?: Error): void;
}

/** A running reading of one key's value, writing to its sink until stopped. */
export interface Reading {
  stop(): void;
}

/** What a sink handed a stream is attached to: leaving it stops the values. */
export interface Attachment<T> {
  leave(sink: Sink<T>): void;
}

/**
 * A stream that can push its values to a sink instead of being read: a group in
 * shared-execution.ts takes over a follower this way, so no loop waits on it between values.
 */
export interface HandOver<T> {
  /** From now on the values go to `sink`, the newest unread one at once (and the end, if it came). */
  handOver(sink: Sink<T>): Attachment<T>;
}

export function canHandOver<T>(stream: AsyncIterator<T>): stream is AsyncIterator<T> & HandOver<T> {
  return typeof (stream as Partial<HandOver<T>>).handOver === 'function';
}

export class SharedStreams<K, T> {
  readonly #hubs = new Map<K, Hub<K, T>>();

  /**
   * The values of the reading `open` starts for `key` (started for the first follower, stopped
   * after the last): the newest one at once if there is one, then each after it. A follower that
   * reads slowly gets the newest value and misses those in between, as a live view should.
   */
  follow(key: K, open: (sink: Sink<T>) => Reading): AsyncIterableIterator<T> & HandOver<T> {
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

/** One key's reading and its followers (a Follower, or the sink it was handed over to). */
class Hub<K, T> implements Sink<T>, Attachment<T> {
  readonly followers = new SmallSet<Sink<T>>();
  /** The newest value, for a follower that joins later. */
  latest: { value: T } | undefined;
  reading: Reading | undefined;

  constructor(
    private readonly key: K,
    private readonly hubs: Map<K, Hub<K, T>>,
  ) {}

  push(value: T): void {
    this.latest = { value };
    for (const follower of this.followers) follower.push(value);
  }

  end(error?: Error): void {
    this.#forget();
    for (const follower of this.followers) follower.end(error);
  }

  /** `sink` follows in place of `follower`, which the hub forgets. */
  replace(follower: Sink<T>, sink: Sink<T>): void {
    if (this.followers.delete(follower)) this.followers.add(sink);
  }

  leave(follower: Sink<T>): void {
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
class Follower<T> implements AsyncIterableIterator<T>, Sink<T>, HandOver<T> {
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

  handOver(sink: Sink<T>): Attachment<T> {
    const [newest, ended] = [this.#newest, this.#ended];
    this.#newest = undefined;
    this.#ended ??= {};
    this.hub.replace(this, sink);
    if (newest) sink.push(newest.value);
    if (ended) sink.end(ended.error);
    return this.hub;
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
