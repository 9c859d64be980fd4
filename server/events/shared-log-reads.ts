// One read of the log for every stream that asks the same question at the same moment.
//
// Streams that have caught up stand at the same place, and a live event wakes them all in one
// dispatch; on PostgreSQL each then reads the log (stream.ts), so a process with hundreds of
// screens following from cursors of their own would ask the database hundreds of times for the
// same rows. They share one read instead: a read may be joined by a stream that has heard of no
// event the bus delivered after the read began, since the read then sees everything that stream
// waits for. Events read this way are handed the order the bus brought with them, so no subscriber
// reads it again either.
import type { EventBus } from './bus.ts';
import type { EventMessage } from './message.ts';
import type { EventLog, Position } from './stream.ts';

/** Live events remembered for their orders: a few bursts' worth. */
const REMEMBERED = 1_024;

interface Read {
  /** How many events the bus had delivered when the read began. */
  heard: number;
  events: Promise<EventMessage[]>;
}

export function sharedLogReads(log: EventLog, bus: EventBus): EventLog {
  /** Events and resyncs the bus has delivered: what a read that began earlier may not show. */
  let heard = 0;
  const recent = new Map<number, EventMessage>();
  const reads = new Map<string, Read>();
  bus.onEvent((event) => {
    heard += 1;
    if (!event.order) return;
    recent.set(event.id, event);
    if (recent.size > REMEMBERED) recent.delete(recent.keys().next().value!);
  });
  bus.onResync(() => (heard += 1));
  /** An event read from the log, with the order its commit brought on the bus; the rest as the log has it. */
  const withOrder = (event: EventMessage) => {
    const live = recent.get(event.id);
    return live?.tx === event.tx ? { ...event, order: live.order } : event;
  };
  return {
    ...log,
    after(after: Position, limit: number) {
      const key = `${after.tx}:${after.id}:${limit}`;
      const current = reads.get(key);
      if (current?.heard === heard) return current.events;
      const events = log.after(after, limit).then((page) => page.map(withOrder));
      const started = { heard, events };
      reads.set(key, started);
      const done = () => void (reads.get(key) === started && reads.delete(key));
      events.then(done, done);
      return events;
    },
  };
}
