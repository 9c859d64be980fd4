// A value derived from the database (kitchen load, statistics) that stays valid until the next
// event: computed at most once per burst of changes, however many screens ask for it. A value an
// event says all about (the kitchen's load, from the order the event committed) is brought up to
// date from the event instead of read again.
import type { EventBus } from './bus.ts';
import type { EventMessage } from './message.ts';

export interface LiveCacheRules<T> {
  /** The value after `event`, when the event says it all; undefined reads it again. */
  applied?(value: T, event: EventMessage): T | undefined;
  /** Read again when the value has been kept this long, for what moves without an event. */
  maxAgeMs?: number;
}

export class LiveCache<T> {
  #value: Promise<T> | undefined;
  /** The value once computed, and when it was read (performance.now()), for `applied` and `maxAgeMs`. */
  #settled: { value: T; readAt: number } | undefined;
  readonly #unsubscribe: (() => void)[];

  constructor(
    bus: EventBus,
    private readonly compute: () => Promise<T>,
    private readonly rules: LiveCacheRules<T> = {},
  ) {
    this.#unsubscribe = [bus.onEvent((event) => this.#onEvent(event)), bus.onResync(() => this.invalidate())];
  }

  get(): Promise<T> {
    const { maxAgeMs } = this.rules;
    if (this.#settled && maxAgeMs !== undefined && performance.now() - this.#settled.readAt > maxAgeMs) this.invalidate();
    if (!this.#value) {
      const readAt = performance.now();
      const value = this.compute();
      this.#value = value;
      value.then(
        (settled) => {
          if (this.#value === value) this.#settled = { value: settled, readAt };
        },
        // A failed computation is not kept: the next caller tries again.
        () => {
          if (this.#value === value) this.#value = undefined;
        },
      );
    }
    return this.#value;
  }

  /**
   * `use` applied to the value: at once while the value is at hand, else once it is read. A
   * resolver returning this returns no promise in the usual case, so graphql-js completes its
   * object without awaiting it (a tracker's execution is then synchronous from end to end).
   */
  use<R>(use: (value: T) => R): R | Promise<R> {
    const value = this.get();
    return this.#settled ? use(this.#settled.value) : value.then(use);
  }

  invalidate(): void {
    this.#value = undefined;
    this.#settled = undefined;
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
  }

  #onEvent(event: EventMessage): void {
    // A computation still under way may have read the database before this event's commit.
    const next = this.#settled && this.rules.applied?.(this.#settled.value, event);
    if (!next) return this.invalidate();
    if (next === this.#settled!.value) return;
    this.#settled = { value: next, readAt: this.#settled!.readAt };
    this.#value = Promise.resolve(next);
  }
}
