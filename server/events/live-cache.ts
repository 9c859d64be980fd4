// A value derived from the database (kitchen load, statistics) that stays valid until the next
// event: computed at most once per burst of changes, however many screens ask for it.
import type { EventBus } from './bus.ts';

export class LiveCache<T> {
  #value: Promise<T> | undefined;
  readonly #unsubscribe: (() => void)[];

  constructor(
    bus: EventBus,
    private readonly compute: () => Promise<T>,
  ) {
    this.#unsubscribe = [bus.onEvent(() => this.invalidate()), bus.onResync(() => this.invalidate())];
  }

  get(): Promise<T> {
    if (!this.#value) {
      const value = this.compute();
      this.#value = value;
      // A failed computation is not kept: the next caller tries again.
      value.catch(() => {
        if (this.#value === value) this.#value = undefined;
      });
    }
    return this.#value;
  }

  invalidate(): void {
    this.#value = undefined;
  }

  dispose(): void {
    for (const off of this.#unsubscribe) off();
  }
}
