// Carries committed events to every subscriber in every server process: an in-process EventTarget
// for one restaurant, Redis pub/sub (@graphql-yoga/redis-event-target) for several processes.
//
// The bus is a fast path, not the record: the event log in the database is. When the bus may
// have dropped messages (Redis down, then back) it says so with a resync signal and streams
// re-read the log from their cursor. While Redis is away the bus polls the log's head once a
// second, so subscribers keep getting events, a little later, instead of none.
//
// Away includes hung: a frozen or wedged Redis keeps its TCP connections open, so ioredis never
// sees them close, and messages simply stop. A heartbeat PINGs Redis on both connections (PING is
// the one ordinary command a subscribed connection may send) and treats a PING unanswered for
// ANSWER_MS as Redis gone.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { revived, type EventMessage } from './message.ts';

/**
 * One topic per database for everything: per-order filtering in-process is cheaper than a channel
 * per order, and deployments sharing a Redis never hear each other.
 */
const DEFAULT_TOPIC = 'orderline:events';
const POLL_MS = 1_000;
const HEARTBEAT_MS = 1_000;
/** A PING unanswered this long means Redis is hung; far above a healthy Redis's round trip. */
const ANSWER_MS = 2_000;

export type BusState = 'ok' | 'degraded';

export interface BusHealth {
  transport: 'memory' | 'redis';
  state: BusState;
  detail?: string;
}

export interface EventBus {
  /** After the transaction commits. Never throws: a lost publish is recovered from the log. */
  publish(event: EventMessage): void;
  /** Every event from every process. Returns the unsubscribe function. */
  onEvent(listener: (event: EventMessage) => void): () => void;
  /** Events may have been missed; re-read the log from your cursor. */
  onResync(listener: () => void): () => void;
  health(): BusHealth;
  close(): Promise<void>;
}

interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  dispatchEvent(event: Event): boolean;
}

class Listeners<T extends unknown[]> {
  #set = new Set<(...args: T) => void>();
  add(listener: (...args: T) => void): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }
  emit(...args: T): void {
    for (const listener of this.#set) listener(...args);
  }
}

abstract class TargetBus implements EventBus {
  protected readonly resyncs = new Listeners<[]>();
  readonly #events = new Listeners<[EventMessage]>();
  constructor(
    protected readonly target: EventTargetLike,
    protected readonly topic = DEFAULT_TOPIC,
  ) {
    // One listener on the target, for the life of the bus, fanned out from a set: an EventTarget
    // compares every listener added with all it has, and a live subscription is one listener, so
    // thousands of them made every subscribe and every dispatch cost thousands of steps. On Redis
    // this is also the one SUBSCRIBE, which ioredis renews after every reconnect.
    target.addEventListener(topic, (event) => this.#events.emit(this.received((event as CustomEvent<EventMessage>).detail)));
  }

  publish(event: EventMessage): void {
    // On the next turn of the event loop: the change's own response goes out before its fan-out.
    setImmediate(() => this.target.dispatchEvent(new CustomEvent(this.topic, { detail: event })));
  }

  onEvent(listener: (event: EventMessage) => void): () => void {
    return this.#events.add(listener);
  }

  onResync(listener: () => void): () => void {
    return this.resyncs.add(listener);
  }

  /** The event as listeners get it; every listener is handed the same object. */
  protected received(event: EventMessage): EventMessage {
    return event;
  }

  abstract health(): BusHealth;
  abstract close(): Promise<void>;
}

export class MemoryBus extends TargetBus {
  constructor() {
    super(new EventTarget());
  }
  health(): BusHealth {
    return { transport: 'memory', state: 'ok' };
  }
  async close(): Promise<void> {}
}

export class RedisBus extends TargetBus {
  #poll: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout;
  #beating = false;
  /** Why Redis counts as hung, while it does. */
  #unanswered: string | undefined;
  #lastSeenHead = -1;
  #lastError: string | undefined;
  #closed = false;

  private constructor(
    target: EventTargetLike,
    topic: string,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly logHead: () => Promise<number>,
    private readonly logger: Logger,
  ) {
    super(target, topic);
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: Error) => {
        this.#lastError = error.message;
      });
      client.on('close', () => {
        if (!this.#poll && !this.#closed) this.logger.warn('redis connection lost: live events now come from polling the event log');
        this.#degrade();
      });
      client.on('ready', () => this.#recover('redis connected: catching up with the event log'));
    }
    this.#degrade();
    this.#heartbeat = setInterval(() => void this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /**
   * Connects to Redis, waiting up to `waitMs` so a healthy start reports "ok". Starts anyway when
   * Redis is away: the service works, degraded, and recovers by itself when Redis comes back.
   */
  static async connect(
    url: string,
    options: { namespace: string; logHead: () => Promise<number>; logger: Logger; waitMs?: number },
  ): Promise<RedisBus> {
    const { namespace, logHead, logger, waitMs = 3_000 } = options;
    const connection = {
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
      maxRetriesPerRequest: 1,
    };
    // Publishing fails at once while Redis is away instead of queueing: the event log has the event.
    // A publish to a hung Redis gives up too, rather than piling up.
    const publisher = new Redis(url, { ...connection, enableOfflineQueue: false, commandTimeout: ANSWER_MS });
    // The subscription waits for Redis however long it takes: with a retry limit, ioredis drops a
    // SUBSCRIBE still queued after that many failed connection attempts (a start while Redis is
    // away, or a slow first connection), and the process never subscribes.
    const subscriber = new Redis(url, { ...connection, maxRetriesPerRequest: null });
    // The event target calls these without handling a rejection; one would end the process.
    const safePublisher = {
      publish: (channel: string, message: string) =>
        publisher.publish(channel, message).catch((error: Error) => {
          logger.debug({ err: error }, 'redis publish failed; subscribers catch up from the event log');
        }),
    };
    const safeSubscriber = {
      on: subscriber.on.bind(subscriber),
      subscribe: (channel: string) =>
        subscriber.subscribe(channel).catch((error: Error) => {
          // Only when closing, or when Redis refuses the command (then health says why).
          logger.warn({ err: error }, 'redis subscribe failed; live events come from polling the event log');
        }),
    };
    const target = createRedisEventTarget({ publishClient: safePublisher as unknown as Redis, subscribeClient: safeSubscriber as unknown as Redis });
    const bus = new RedisBus(target, `${DEFAULT_TOPIC}:${namespace}`, publisher, subscriber, logHead, logger);
    const deadline = Date.now() + waitMs;
    while (bus.health().state !== 'ok' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    if (bus.health().state !== 'ok') logger.warn({ detail: bus.health().detail }, 'redis is not reachable; starting degraded');
    return bus;
  }

  /** Parsed from JSON once per message, and shared by every listener: revived once too. */
  protected override received(event: EventMessage): EventMessage {
    return revived(event);
  }

  health(): BusHealth {
    // A subscriber whose SUBSCRIBE is still queued is "ready" only once it is in subscriber mode.
    if (this.#connected() && !this.#unanswered) return { transport: 'redis', state: 'ok' };
    return { transport: 'redis', state: 'degraded', detail: this.#unanswered ?? this.#lastError ?? `redis is ${this.subscriber.status}` };
  }

  #connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  /** Starts polling the event log, if it is not already. */
  #degrade(): void {
    if (this.#poll || this.#closed) return;
    this.#poll = setInterval(() => void this.#pollLog(), POLL_MS);
    this.#poll.unref();
  }

  /**
   * One PING on each connection, and no other until both have settled, so a hung Redis is not sent
   * a PING a second. A lost connection is left to the 'close' and 'ready' events.
   */
  async #beat(): Promise<void> {
    if (this.#beating || this.#closed || !this.#connected()) return;
    this.#beating = true;
    const silence = setTimeout(() => this.#hung(), ANSWER_MS);
    const answers = await Promise.allSettled([this.publisher.ping(), this.subscriber.ping()]);
    clearTimeout(silence);
    this.#beating = false;
    if (this.#unanswered && answers.every((answer) => answer.status === 'fulfilled')) {
      this.#unanswered = undefined;
      this.#recover('redis answers again: catching up with the event log');
    }
  }

  #hung(): void {
    if (this.#unanswered || this.#closed) return;
    this.#unanswered = `redis has not answered a PING for ${ANSWER_MS / 1_000} s`;
    this.logger.warn({ detail: this.#unanswered }, 'redis is not answering: live events now come from polling the event log');
    this.#degrade();
  }

  async #pollLog(): Promise<void> {
    try {
      const head = await this.logHead();
      if (head !== this.#lastSeenHead) {
        this.#lastSeenHead = head;
        this.resyncs.emit();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'polling the event log failed');
    }
  }

  #recover(message: string): void {
    if (!this.#poll || this.health().state !== 'ok') return;
    clearInterval(this.#poll);
    this.#poll = undefined;
    this.#lastError = undefined;
    this.logger.info(message);
    // Anything published while Redis was away was lost to it, but not to the event log. Look
    // again a moment later too, for events published while the subscription was being renewed.
    this.resyncs.emit();
    setTimeout(() => {
      // Redis may have gone again meanwhile (polling has taken over), or the bus closed.
      if (this.#poll || this.#closed) return;
      this.resyncs.emit();
      this.logger.info('caught up: live events travel through redis');
    }, POLL_MS).unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    clearInterval(this.#heartbeat);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
