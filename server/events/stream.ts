// A lossless, ordered stream of the event log: first every event after the cursor, read from the
// database, then live events from the bus, with no gap and no duplicate.
//
// It listens on the bus before reading the log, so nothing committed during the replay slips
// between the two. On SQLite event ids are gap-free and commit in order, so a live event whose id
// is the cursor's successor is the next one, and any other means something was missed (a
// reordered or dropped message, a slow consumer): the stream then re-reads the log from its cursor
// instead of trusting the bus. On PostgreSQL writers do not wait for each other, so only the log
// can say what comes next (log.ts): every live event is a cue to read it (one read for all the
// streams it wakes, shared-log-reads.ts), and one the log does not show yet (a transaction before
// it is still running) is read again shortly.
import { Repeater } from 'graphql-yoga';
import type { EventBus } from './bus.ts';
import type { EventMessage } from './message.ts';

/** An event's place in the log: by writing transaction (0 on SQLite), then id. */
export interface Position {
  tx: number;
  id: number;
}

export function comparePositions(a: Position, b: Position): number {
  return a.tx - b.tx || a.id - b.id;
}

export interface EventLog {
  /**
   * Ids are gap-free and commit in order (SQLite), so the event after position `p` is the one with
   * id `p.id + 1`. Otherwise (PostgreSQL) only `after` can tell.
   */
  gapFree: boolean;
  /** Events after `after`, in log order, at most `limit` of them; never one a later read could precede. */
  after: (after: Position, limit: number) => Promise<EventMessage[]>;
  /**
   * Where a stream from a client's cursor (an event id) starts: right after that event, or, when
   * events before it may still commit, before them all (the stream then reads on until it has
   * passed `newest`, which is at or past the cursor's event).
   */
  position: (cursor: number) => Promise<Position>;
  /** The place of the newest event (0, 0 when there is none). */
  head: () => Promise<Position>;
  /**
   * A stream has waited `HELD_BACK_MS.warn` and more for an event the log does not show yet: the
   * log says which transaction holds it back (PostgreSQL). Never throws.
   */
  heldBack?: () => Promise<void>;
  /**
   * The place of the newest event committed, whether or not a read may take it yet (PostgreSQL):
   * a stream starting now has heard of no event published before it, yet must not stop short of
   * one the log shows only later.
   */
  newest: () => Promise<Position>;
}

const PAGE = 500;
/** Live events held for a slow consumer before the stream falls back to reading the log. */
const INBOX_LIMIT = 1_000;
/**
 * How soon the log is read again for a live event it did not show yet, doubling up to the most:
 * the transaction it waits for is usually another change, which ends within milliseconds.
 */
const HELD_BACK_MS = { first: 10, most: 1_000, warn: 5_000 };

/** Live notices waiting to be handled: events, plus a flag that says "re-read the log". */
class Inbox {
  events: EventMessage[] = [];
  resync = false;
  /** The newest place known to be in the log (a live event, or a cursor's own), kept when events are dropped for a resync. */
  heard: Position | undefined;
  #wake: (() => void) | undefined;

  add(event: EventMessage): void {
    this.hear(event);
    if (this.events.length >= INBOX_LIMIT) this.markResync();
    else this.events.push(event);
    this.#notify();
  }

  /** An event is in the log at `position`, whether or not the log shows it yet. */
  hear(position: Position): void {
    if (!this.heard || comparePositions(position, this.heard) > 0) this.heard = position;
  }

  /** The log is to be read again, the events waiting dropped (they may have been missed in between). */
  markResync(): void {
    this.events = [];
    this.readAgain();
  }

  /** Asks for the log to be read again, keeping the events waiting (they may carry their orders). */
  readAgain(): void {
    this.resync = true;
    this.#notify();
  }

  /** Nothing is waiting to be handled. */
  idle(): boolean {
    return !this.events.length && !this.resync;
  }

  /**
   * Resolves when there is something to handle, or the stream stops (`wake`). Not a race with
   * the stop's promise: every race would leave a reaction on that long-lived promise, a little
   * memory kept for every event of every subscription until it ends.
   */
  async wait(): Promise<void> {
    if (this.events.length || this.resync) return;
    await new Promise<void>((resolve) => (this.#wake = resolve));
    this.#wake = undefined;
  }

  /** Ends a wait under way: the stream is stopping. */
  wake(): void {
    this.#notify();
  }

  take(): { events: EventMessage[]; resync: boolean } {
    const taken = { events: this.events, resync: this.resync };
    this.events = [];
    this.resync = false;
    return taken;
  }

  #notify(): void {
    this.#wake?.();
  }
}

export interface StreamOptions {
  bus: EventBus;
  log: EventLog;
  /** Start after this event id; null or undefined means "from now on". */
  after?: number | null;
  /** Only events passing this are delivered; the cursor still moves past the others. */
  filter?: (event: EventMessage) => boolean;
}

export function eventStream({ bus, log, after, filter = () => true }: StreamOptions): Repeater<EventMessage> {
  return new Repeater<EventMessage>(async (push, stop) => {
    const inbox = new Inbox();
    let unsubscribe: (() => void)[] = [];
    let stopped = false;
    let again: NodeJS.Timeout | undefined;
    let againMs = HELD_BACK_MS.first;
    /** When the stream began to wait for an event the log does not show yet. */
    let waitingSince: number | undefined;
    void stop.then(() => {
      stopped = true;
      clearTimeout(again);
      inbox.wake();
    });
    let cursor: Position;

    const deliver = async (event: EventMessage) => {
      cursor = event;
      // The cursor's own event, which a cursor not yet passed by every reader starts before (log.ts).
      if (event.id === after) return;
      if (filter(event)) await push(event);
    };
    const replay = async () => {
      for (;;) {
        const page = await log.after(cursor, PAGE);
        for (const event of page) {
          if (stopped) return;
          await deliver(event);
        }
        if (page.length < PAGE) return;
      }
    };
    /** Short of an event the bus told of, the log is read again in a moment, and later if need be. */
    const readAgainSoon = () => {
      if (again || stopped) return;
      waitingSince ??= Date.now();
      if (Date.now() - waitingSince >= HELD_BACK_MS.warn) void log.heldBack?.();
      again = setTimeout(() => {
        again = undefined;
        inbox.readAgain();
      }, againMs);
      again.unref();
      againMs = Math.min(againMs * 2, HELD_BACK_MS.most);
    };
    const caughtUp = () => {
      clearTimeout(again);
      again = undefined;
      againMs = HELD_BACK_MS.first;
      waitingSince = undefined;
    };

    try {
      unsubscribe = [bus.onEvent((event) => inbox.add(event)), bus.onResync(() => inbox.markResync())];
      cursor = after == null ? await log.head() : await log.position(after);
      if (!log.gapFree) inbox.hear(await log.newest());
      await replay();
      while (!stopped) {
        if (inbox.idle()) {
          // The log does not show all there is: a transaction before it still runs (PostgreSQL).
          if (inbox.heard && comparePositions(inbox.heard, cursor) > 0) readAgainSoon();
          else caughtUp();
        }
        await inbox.wait();
        const { events, resync } = inbox.take();
        if (resync) await replay();
        for (const event of events.sort(comparePositions)) {
          if (stopped) break;
          if (comparePositions(event, cursor) <= 0) continue; // already delivered
          if (log.gapFree && event.id === cursor.id + 1) await deliver(event);
          else await replay(); // a gap, or a log whose order only a read tells: the log has it
          if (comparePositions(event, cursor) > 0) break; // not shown yet: nor is anything after it
        }
      }
    } catch (error) {
      stop(error);
    } finally {
      for (const off of unsubscribe) off();
    }
  });
}
