// A set that holds a lone member in a field of its own. Most of a process's live groups, shared
// readings and watched orders have one subscriber each, thousands of them, and a Set holding one
// value costs about 150 bytes (its hash table is made for four); this costs about 40 while it
// has one member. Iterating it while members leave is safe, as with a Set; a member added while
// a lone one is iterated is not visited (a Set would visit it), which none of its users does.
// Undefined is never a member: it marks the field empty.
export class SmallSet<T> implements Iterable<T> {
  #one: T | undefined;
  #many: Set<T> | undefined;

  get size(): number {
    return this.#many?.size ?? (this.#one === undefined ? 0 : 1);
  }

  has(value: T): boolean {
    return this.#many?.has(value) ?? (this.#one !== undefined && this.#one === value);
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
    if (this.#many) {
      if (!this.#many.delete(value)) return false;
      // Back to a field once one is left (an iteration under way goes on over the Set).
      if (this.#many.size === 1) [this.#one, this.#many] = [this.#many.values().next().value, undefined];
      return true;
    }
    if (this.#one !== value || value === undefined) return false;
    this.#one = undefined;
    return true;
  }

  *[Symbol.iterator](): Iterator<T> {
    if (this.#many) yield* this.#many;
    else if (this.#one !== undefined) yield this.#one;
  }
}
