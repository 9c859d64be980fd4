// One writer at a time on the SQLite write connection. Prisma's write client and the order store
// share that connection (client.ts); an interactive Prisma transaction stays open across awaits,
// so without this an order batch could try to BEGIN inside it, or a Prisma write land in a batch.

export class WriteLock {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` once every earlier holder has finished, whether it succeeded or not. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
