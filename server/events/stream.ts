// A lossless, ordered stream of the event log: first every event after the cursor, read from the
// database, then live events from the bus, with no gap and no duplicate.
//
// It listens on the bus before reading the log, so nothing committed during the replay slips
// between the two. Event ids are gap-free and committed in order, so a live event whose id is not
// the cursor's successor means something was missed (a reordered or dropped message, a slow
// consumer): the stream then re-reads the log from its cursor instead of trusting the bus.
import { Repeater } from 'graphql-yoga';
import type { EventBus } from './bus.ts';
import type { EventMessage } from './message.ts';

export interface EventLog {
  /** Events with id > `after`, oldest first, at most `limit` of them. */
  after: (after: number, limit: number) => Promise<EventMessage[]>;
  /** The id of the newest event, 0 when there is none. */
  head: () => Promise<number>;
}

const PAGE = 500;
/** Live events held for a slow consumer before the stream falls back to reading the log. */
const INBOX_LIMIT = 1_000;

/** Live notices waiting to be handled: events, plus a flag that says "re-read the log". */
class Inbox {
  events: EventMessage[] = [];
  resync = false;
  #wake: (() => void) | undefined;

  add(event: EventMessage): void {
    if (this.events.length >= INBOX_LIMIT) this.markResync();
    else this.events.push(event);
    this.#notify();
  }

  markResync(): void {
    this.resync = true;
    this.events = [];
    this.#notify();
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
    const unsubscribe = [bus.onEvent((event) => inbox.add(event)), bus.onResync(() => inbox.markResync())];
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      inbox.wake();
    });
    let cursor = after ?? (await log.head());

    const deliver = async (event: EventMessage) => {
      cursor = event.id;
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

    try {
      await replay();
      while (!stopped) {
        await inbox.wait();
        const { events, resync } = inbox.take();
        if (resync) await replay();
        for (const event of events.sort((a, b) => a.id - b.id)) {
          if (stopped) break;
          if (event.id <= cursor) continue; // already delivered
          if (event.id === cursor + 1) await deliver(event);
          else await replay(); // a gap: the log has what the bus missed
        }
      }
    } catch (error) {
      stop(error);
    } finally {
      for (const off of unsubscribe) off();
    }
  });
}
