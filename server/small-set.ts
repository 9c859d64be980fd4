// A set that holds a lone member in a field of its own. Most of a process's live groups, shared
// readings and watched orders have one subscriber each, thousands of them, and a Set holding one
// value costs about 150 bytes (its hash table is made for four); this costs about 40 until a
// second member comes. Iterating it while members leave is safe, as with a Set.
export class SmallSet<T> implements Iterable<T> {
  #one: T | undefined;
  #many: Set<T> | undefined;

  get size(): number {
    return this.#many?.size ?? (this.#one === undefined ? 0 : 1);
  }

  has(value: T): boolean {
    return this.#many?.has(value) ?? this.#one === value;
  }

  add(value: T): this {
    if (this.#many) this.#many.add(value);
    else if (this.#one === undefined || this.#one === value) this.#one = value;
    else {
      this.#many = new Set([this.#one, value]);
      this.#one = undefined;
    }
    return this;
  }

  /** True when `value` was a member. */
  delete(value: T): boolean {
    if (this.#many) return this.#many.delete(value);
    if (this.#one !== value || value === undefined) return false;
    this.#one = undefined;
    return true;
  }

  *[Symbol.iterator](): Iterator<T> {
    if (this.#many) yield* this.#many;
    else if (this.#one !== undefined) yield this.#one;
  }
}
