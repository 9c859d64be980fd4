// Reads a graphql-ws subscription as a queue a test can await, with a clear failure on timeout.
import type { Client } from 'graphql-ws';
import type { FormattedExecutionResult } from 'graphql';

export interface LiveSubscription<T> {
  /** The next result's data; rejects if the server sends errors or nothing comes in time. */
  next(timeoutMs?: number): Promise<T>;
  take(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves with the error or close event that ended the subscription. */
  ended: Promise<unknown>;
  unsubscribe(): void;
}

export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
  const results: FormattedExecutionResult<any, unknown>[] = [];
  const waiting: (() => void)[] = [];
  let failure: unknown;
  let done = false;
  let resolveEnded!: (value: unknown) => void;
  const ended = new Promise((resolve) => (resolveEnded = resolve));
  const wake = () => waiting.splice(0).forEach((fn) => fn());
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        results.push(result);
        wake();
      },
      error: (error) => {
        failure = error;
        done = true;
        resolveEnded(error);
        wake();
      },
      complete: () => {
        done = true;
        resolveEnded('complete');
        wake();
      },
    },
  );

  async function next(timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (results.length === 0) {
      if (done) throw new Error(`subscription ended: ${describe(failure ?? 'complete')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no subscription event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const result = results.shift()!;
    if (result.errors?.length) throw new Error(`subscription error: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  return {
    next,
    async take(count, timeoutMs) {
      const taken: T[] = [];
      while (taken.length < count) taken.push(await next(timeoutMs));
      return taken;
    },
    ended,
    unsubscribe,
  };
}

function describe(value: unknown): string {
  if (value && typeof value === 'object' && 'code' in value && 'reason' in value) {
    return `closed ${(value as { code: number }).code} ${(value as { reason: string }).reason}`;
  }
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}
