// Following a live stream through drops: resubscribe after a lost connection, waiting longer each
// time (with jitter, so a restarted server is not stormed), until stopped.
import { setMaxListeners } from 'node:events';
import { CliError, EXIT } from './errors.ts';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

export interface FollowOptions {
  /** Opens the stream again; called after every loss. */
  open: () => AsyncIterable<void>;
  /**
   * Told about each loss, the delay before the next attempt and that attempt's number: 1 for the
   * first after the stream last made progress, counting up while attempts keep failing.
   */
  onLost: (error: CliError, delayMs: number, attempt: number) => void;
  signal: AbortSignal;
}

/** Runs until `signal` aborts; rethrows failures no retry can fix. */
export async function follow({ open, onLost, signal }: FollowOptions): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      for await (const _ of open()) failures = 0; // progress resets the back-off
      if (signal.aborted) return;
      throw new CliError('the server ended the stream', EXIT.failure);
    } catch (error) {
      if (signal.aborted) return;
      // Only trouble (exit 1: a lost connection, a server error) may pass with time. A refused
      // token, a bad argument, an order that no longer exists or can never get where a caller
      // waits for it (exits 4, 2, 5, 3) will not: retrying those would only hang.
      if (!(error instanceof CliError) || error.exitCode !== EXIT.failure) throw error;
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** failures++) * (0.5 + Math.random() / 2);
      onLost(error, delay, failures);
      await sleep(delay, signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      // Each sleep removes its listener: a long run (simulate) sleeps thousands of times on one signal.
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}

/** An AbortSignal that fires on Ctrl-C or SIGTERM, so a command can say how to resume. */
export function interruption(): AbortController {
  const controller = new AbortController();
  // Many waits share it at once (simulate sleeps for every order in the kitchen): no leak warning.
  setMaxListeners(0, controller.signal);
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller;
}
