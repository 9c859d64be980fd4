// What a full-screen client shows, kept exact while it runs: take the event log's cursor, load a
// snapshot, follow the log from that cursor and load again whenever an event arrives. The stream
// resumes from its last cursor after a drop (the server replays what was missed) and every
// (re)connection loads again, so no change is lost; loads are coalesced, so a burst of events
// costs one or two queries, never one each. Whatever comes in is made printable first (customers
// wrote much of it, and rows from before the server refused control characters may carry them),
// so no screen drawing it can be driven by an ESC sequence.
import { setMaxListeners } from 'node:events';
import { ConnectionLost, type Api } from '../api/client.ts';
import type { VariablesOf } from '../../shared/graphql.ts';
import { LatestCursor, OrderEvents, OrderEventsWithOrder, type OrderFields } from '../api/operations.ts';
import type { ResultOf } from '../../shared/graphql.ts';
import { CliError, EXIT, ServerUnreachable } from '../errors.ts';
import { follow } from '../follow.ts';
import { printableData } from '../../shared/printable.ts';

/**
 * - connecting: not live yet, and nothing says the server is away (the first connection).
 * - live: connected; every change reaches the screen as it happens.
 * - reconnecting: the server (or the network) closed the connection; trying again.
 * - offline: the server did not answer: it missed a heartbeat, or a connection to it was refused
 *   or timed out. Stays offline, trying again, until the connection is back.
 */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveState<T> {
  /** The latest snapshot; null until the first load. Kept on screen through any loss. */
  data: T | null;
  connection: Connection;
  /** `data` is shown but no longer followed: there is data and the connection is not live. */
  stale: boolean;
  /** When the screen noticed it was not live (ms since the epoch); null while live and until the first trouble. */
  since: number | null;
  /** The next try while not live: its number (1 the first after a loss) and when (ms since the epoch). */
  retry: { attempt: number; at: number } | null;
  /** When `data` was last loaded (ms since the epoch). */
  loadedAt: number | null;
  /** When the last event reached the screen (ms since the epoch); null until one does. */
  lastEventAt: number | null;
  /** The latest trouble, shown until things are well again. */
  problem: string | null;
}

export type EventFilter = NonNullable<VariablesOf<typeof OrderEvents>['filter']>;

/** Folds one event's order (as it is now) into the data shown, instead of loading it all again. */
export type ApplyOrder<T> = (data: T, order: ResultOf<typeof OrderFields>) => T;

export class LiveQuery<T> {
  #state: LiveState<T> = { data: null, connection: 'connecting', stale: false, since: null, retry: null, loadedAt: null, lastEventAt: null, problem: null };
  readonly #listeners = new Set<() => void>();
  /** The load in flight, if any, and whether another must follow it. */
  #loading: Promise<void> | null = null;
  #loadAgain = false;
  /** What ends the run: an error no retry fixes, met by a load. */
  #fatal: CliError | undefined;
  #stop: () => void = () => undefined;

  constructor(
    private readonly api: Api,
    private readonly load: (api: Api) => Promise<T>,
    private readonly filter: EventFilter = {},
    private readonly apply?: ApplyOrder<T>,
  ) {}

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): LiveState<T> => this.#state;

  /**
   * Folds in an order a change of this screen just returned, before its event arrives: a second
   * press right after a bump then acts on the ticket as it is, not as it was.
   */
  put(order: ResultOf<typeof OrderFields>): void {
    const { data } = this.#state;
    if (this.apply && data !== null) this.#update({ data: this.apply(data, printableData(order)), loadedAt: Date.now() });
  }

  /** Resolves once the connection is live: at once when it is. */
  whenLive(): Promise<void> {
    if (this.#state.connection === 'live') return Promise.resolve();
    return new Promise((resolve) => {
      const forget = this.subscribe(() => {
        if (this.#state.connection !== 'live') return;
        forget();
        resolve();
      });
    });
  }

  /**
   * Loads, then follows until `signal` aborts, through any number of drops (an unreachable server
   * at the start included). Rejects only with what waiting cannot fix (a refused token, say): the
   * caller ends the screen with that message and its exit code.
   */
  async run(signal: AbortSignal): Promise<void> {
    const stop = new AbortController();
    this.#stop = () => stop.abort();
    const until = AbortSignal.any([signal, stop.signal]);
    setMaxListeners(0, until); // every reconnection waits on it
    // A reconnection may follow changes, or a load that failed, while the server was away: load
    // again. The first connection needs no extra load: the first one follows the cursor.
    let connections = 0;
    const forget = this.api.onConnected(() => {
      this.#update({ connection: 'live', since: null, retry: null });
      if (connections++ > 0) void this.refresh();
    });
    const position: { cursor?: string } = {};
    try {
      await follow({
        signal: until,
        open: () => this.#events(position, until),
        onLost: (error, delayMs, attempt) => this.#lost(error, Date.now() + delayMs, attempt),
      });
      if (this.#fatal) throw this.#fatal;
    } finally {
      forget();
    }
  }

  /** Loads again now, or once more after the load in flight; resolves when the data is current. */
  refresh(): Promise<void> {
    if (this.#loading) {
      this.#loadAgain = true;
      return this.#loading;
    }
    this.#loading = this.#loadUntilCurrent();
    return this.#loading;
  }

  /**
   * One subscription. Each event reloads, or, with `apply`, folds its order into the data (a
   * change on a screen of 300 tickets then costs one order, not 300); while a load is in flight
   * it may predate the event, so the event asks for one more load instead. The cursor is taken
   * once, before the first load.
   */
  async *#events(position: { cursor?: string }, signal: AbortSignal): AsyncGenerator<void> {
    if (position.cursor === undefined) {
      position.cursor = (await this.api.query(LatestCursor, {})).latestEventCursor;
      void this.refresh();
    }
    const variables = { after: position.cursor, filter: this.filter };
    const events = this.apply
      ? this.api.subscribe(OrderEventsWithOrder, variables, signal)
      : this.api.subscribe(OrderEvents, variables, signal);
    for await (const { orderEvents: event } of events) {
      position.cursor = event.cursor;
      const { data } = this.#state;
      if (this.apply && 'order' in event && data !== null && !this.#loading) {
        this.#update({ data: this.apply(data, printableData(event.order)), loadedAt: Date.now(), lastEventAt: Date.now() });
      } else {
        this.#update({ lastEventAt: Date.now() });
        void this.refresh();
      }
      yield;
    }
  }

  async #loadUntilCurrent(): Promise<void> {
    try {
      do {
        this.#loadAgain = false;
        try {
          const data = printableData(await this.load(this.api));
          this.#update({ data, loadedAt: Date.now(), problem: null });
        } catch (error) {
          if (error instanceof CliError && error.exitCode !== EXIT.failure) {
            this.#fatal = error;
            this.#stop();
          } else {
            this.#update({ problem: error instanceof Error ? error.message : String(error) });
          }
        }
      } while (this.#loadAgain && !this.#fatal);
    } finally {
      // In the same step as the last check of #loadAgain: a refresh asked for after it starts anew.
      this.#loading = null;
    }
  }

  #lost(error: CliError, at: number, attempt: number): void {
    const { connection, since, loadedAt } = this.#state;
    const unanswered = error instanceof ServerUnreachable || (error instanceof ConnectionLost && error.unanswered);
    this.#update({
      // Once the server has not answered, a later attempt that gets further does not make it less
      // away: offline until live again.
      connection: unanswered || connection === 'offline' ? 'offline' : loadedAt === null ? 'connecting' : 'reconnecting',
      since: connection === 'live' ? Date.now() : (since ?? Date.now()),
      retry: { attempt, at },
      problem: error.message,
    });
  }

  #update(change: Partial<LiveState<T>>): void {
    const next = { ...this.#state, ...change };
    this.#state = { ...next, stale: next.data !== null && next.connection !== 'live' };
    for (const listener of this.#listeners) listener();
  }
}
