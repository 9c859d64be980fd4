// Fan-out that costs per group, not per subscriber. Subscribers whose operation is the same
// document with the same variables, asked with the same access (the same staff token, or none),
// would compute the same result for an event; so the selection runs once per group and event, is
// serialised once, and that one payload is written into every subscriber's `next` message.
//
// Shared only within one turn of the event loop: the subscribers of a group receive an event in
// the same turn, and a result kept longer could go stale, since some fields move with the clock
// (an order's estimate) even when the value pushed is the same object.
//
// A group whose members would all read the same values (live views, and event streams from now
// on) shares one source stream (SharedGroup); a subscriber following events from a cursor of its
// own keeps its own. Neither has a chain of async iterators between its stream and its socket
// (the mapping, Envelop's hooks, a protocol's loop): the payload goes straight to the operation
// (LiveDelivery, graphql-ws-protocol.ts), which the stream ends, and which leaves its group or
// stream (Membership) when the client completes it or goes.
import { Kind, createSourceEventStream, execute, getOperationAST, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { nextTurn, SOCKETS_PER_TURN } from '../event-loop.ts';
import { SmallSet } from '../small-set.ts';
import { liveMetrics } from './live-metrics.ts';
import { canHandOver, type Attachment, type Sink } from '../events/shared-streams.ts';

/** Where a subscriber's results go: one serialised ExecutionResult at a time, in order. */
export interface LiveDelivery {
  send(payload: string): void;
  /** Its stream has ended, or failed with `errors` (masked as a result's are): the operation ends. */
  end(errors?: readonly GraphQLError[]): void;
  /** Set as it joins a group or starts a stream of its own; left when the client completes the operation or goes. */
  membership?: Membership;
}

/** What a delivered operation belongs to while it runs. */
export interface Membership {
  /** Stops delivering to `member`; a stream that was its own, or its group's last, ends. Never fails. */
  leave(member: LiveDelivery): Promise<void>;
}

/**
 * Ends a stream nobody reads any more. A stream that failed meanwhile fails its return() too
 * (a Repeater stopped with an error): there is no one left to tell.
 */
async function endUnread(source: AsyncIterator<unknown>): Promise<void> {
  await source.return?.().catch(() => undefined);
}

/** What every result goes through before a client sees it (error masking), once per group. */
export type FinishResult = (result: ExecutionResult) => ExecutionResult;

/** Payloads of this turn: by the value pushed (an event, an order), then by group. */
let turn = new Map<unknown, Map<string, Promise<string>>>();
let ending = false;

/** Documents numbered as Yoga's parser cache hands them out, so a group key need not print one. */
const documentIds = new WeakMap<DocumentNode, number>();
let documents = 0;

function groupOf(args: ExecutionArgs): string {
  let document = documentIds.get(args.document);
  if (document === undefined) documentIds.set(args.document, (document = ++documents));
  const { actor, origin } = args.contextValue as Context;
  // A staff token's own, since an error may name it; customers all see the same.
  const access = actor.kind === 'staff' ? `staff-${actor.tokenId}` : actor.kind;
  return JSON.stringify([document, args.operationName ?? null, args.variableValues ?? null, access, origin]);
}

/**
 * What a group (or a stream of its own) executes for each value: its group key, its arguments
 * without the rootValue it was subscribed with (which held the first subscriber's operation), and
 * how results are finished. One record, not closures, since a process holds thousands.
 */
class Execution {
  readonly args: Omit<ExecutionArgs, 'rootValue'>;
  constructor(
    readonly group: string,
    { rootValue: _subscribedWith, ...args }: ExecutionArgs,
    private readonly finish: FinishResult,
  ) {
    this.args = args;
  }

  /** The value's payload, executed once this turn for the group. */
  payloadOf(value: unknown): Promise<string> {
    let payloads = turn.get(value);
    if (!payloads) turn.set(value, (payloads = new Map<string, Promise<string>>()));
    let payload = payloads.get(this.group);
    if (!payload) {
      liveMetrics.executions++;
      payload = Promise.resolve(execute({ ...this.args, rootValue: value })).then((result) => JSON.stringify(this.finish(result)));
      payloads.set(this.group, payload);
    }
    if (!ending) {
      ending = true;
      setImmediate(() => {
        turn = new Map();
        ending = false;
      });
    }
    return payload;
  }

  /** A stream's failure, masked as a result's errors are. */
  fail(error: unknown): readonly GraphQLError[] {
    return this.finish({ errors: [error as GraphQLError] }).errors!;
  }
}

/**
 * What Envelop is handed for an operation delivered to its LiveDelivery, instead of a stream:
 * the results go to the delivery, none through Envelop's iterators (for hooks on results there
 * will never be, and to mask failures, done here instead), whose closures would keep the
 * operation's whole context alive for as long as it runs.
 */
const DELIVERED: AsyncIterableIterator<never> = {
  next: () => Promise.resolve({ done: true, value: undefined }),
  return: () => Promise.resolve({ done: true, value: undefined }),
  [Symbol.asyncIterator]: () => DELIVERED,
};

/** A stream of a subscriber's own (events from its own cursor): each value's payload is delivered until it ends or the subscriber leaves. */
class OwnStream implements Membership {
  #stopped = false;
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly execution: Execution,
    member: LiveDelivery,
  ) {
    member.membership = this;
    this.#pump(member).then(
      () => member.end(),
      (error: unknown) => member.end(execution.fail(error)),
    );
  }

  async #pump(member: LiveDelivery): Promise<void> {
    while (!this.#stopped) {
      const next = await this.source.next();
      if (next.done) return;
      const payload = await this.execution.payloadOf(next.value);
      // A client that completed the operation meanwhile is sent nothing more for it.
      if (!this.#stopped) member.send(payload);
    }
  }

  async leave(): Promise<void> {
    this.#stopped = true;
    await endUnread(this.source);
  }
}

/** Event streams that, without a cursor, deliver only what happens from now on: a group can share one. */
const FROM_NOW_ON = new Set(['orderEvents', 'staffNotifications']);
/** Live views (the value now, then again when it changes): a group can share one, a newcomer first being sent the newest value. */
const VIEWS = new Set(['orderUpdated', 'customerOrders', 'pickupBoardUpdated', 'statsUpdated']);

/** How a group can share one source stream: events from now on, or a live view. */
type Sharing = 'events' | 'view';

/** How the operation's group can share its stream; undefined when it cannot (an event stream from a cursor of its own). */
function sharingOf({ document, operationName, variableValues }: ExecutionArgs): Sharing | undefined {
  const field = getOperationAST(document, operationName)?.selectionSet.selections;
  if (field?.length !== 1 || field[0]!.kind !== Kind.FIELD) return undefined;
  const name = field[0]!.name.value;
  if (VIEWS.has(name)) return 'view';
  if (!FROM_NOW_ON.has(name)) return undefined;
  const after = field[0]!.arguments?.find((argument) => argument.name.value === 'after')?.value;
  if (!after || after.kind === Kind.NULL) return 'events';
  return after.kind === Kind.VARIABLE && variableValues?.[after.name.value] == null ? 'events' : undefined;
}

/**
 * One source stream for a whole group, instead of one per member: each value is read, executed
 * and serialised once, then written to every member's socket, in order. Members
 * join and leave as they subscribe and complete; the stream closes with the last. A member of a
 * live view is first sent the newest value, executed afresh (some fields move with the clock). A
 * member's socket that stops reading is closed by its delivery (graphql-ws-protocol.ts).
 *
 * A stream that can hand itself over (a live reading's follower, shared-streams.ts) pushes its
 * values to the group, which delivers the newest one after the one it is delivering; any other
 * is read in a loop, every value delivered before the next is read (an event stream).
 */
class SharedGroup implements Membership, Sink<unknown> {
  readonly #members = new SmallSet<LiveDelivery>();
  /** Newcomers waiting for the newest value as they joined (a live view); the stream's next value supersedes it. */
  #waiting: SmallSet<LiveDelivery> | undefined;
  /** Its stream has ended, or is ending with its last member: a newcomer opens another group. */
  closed = false;
  /** The stream's newest value, kept for a live view's newcomers. */
  #latest: { value: unknown } | undefined;
  /** What a handed-over stream pushes to, or else the stream the group reads in a loop. */
  readonly #attachment: Attachment<unknown> | undefined;
  readonly #read: AsyncIterator<unknown> | undefined;
  /** A pushed value not yet delivered, and whether one is being delivered. */
  #pushed: { value: unknown } | undefined;
  #delivering = false;
  /** A handed-over stream has ended (or failed): the members are ended once its last value is delivered. */
  #ended: { failure?: readonly GraphQLError[] | undefined } | undefined;

  constructor(
    source: AsyncIterator<unknown>,
    private readonly sharing: Sharing,
    private readonly execution: Execution,
    /** The open groups by key, which the group leaves as it closes. */
    private readonly groups: Map<string, unknown>,
  ) {
    if (canHandOver(source)) {
      this.#attachment = source.handOver(this);
    } else {
      this.#read = source;
      void this.#pump(source);
    }
  }

  join(member: LiveDelivery): void {
    member.membership = this;
    this.#members.add(member);
    if (!this.#latest) return;
    (this.#waiting ??= new SmallSet()).add(member);
    this.execution.payloadOf(this.#latest.value).then((payload) => {
      const waiting = this.#waiting;
      if (!waiting?.delete(member)) return; // superseded by the stream's next value, or gone
      member.send(payload);
      if (waiting.size === 0) this.#waiting = undefined;
    }, (error: unknown) => {
      void this.leave(member);
      member.end(this.execution.fail(error));
    });
  }

  async leave(member: LiveDelivery): Promise<void> {
    this.#waiting?.delete(member);
    if (this.#members.delete(member) && this.#members.size === 0) await this.#close();
  }

  push(value: unknown): void {
    this.#pushed = { value };
    if (!this.#delivering) void this.#deliverPushed();
  }

  end(error?: Error): void {
    this.#ended = { failure: error && this.execution.fail(error) };
    if (!this.#delivering) this.#finish(this.#ended.failure);
  }

  async #deliverPushed(): Promise<void> {
    this.#delivering = true;
    try {
      while (this.#pushed && !this.closed) {
        const { value } = this.#pushed;
        this.#pushed = undefined;
        await this.#deliver(value);
      }
    } catch (error) {
      this.#attachment?.leave(this);
      this.#ended = { failure: this.execution.fail(error) };
    }
    this.#delivering = false;
    if (this.#ended) this.#finish(this.#ended.failure);
  }

  async #pump(source: AsyncIterator<unknown>): Promise<void> {
    let failure: readonly GraphQLError[] | undefined;
    try {
      for (let next = await source.next(); !next.done; next = await source.next()) await this.#deliver(next.value);
    } catch (error) {
      failure = this.execution.fail(error);
      // A delivery that failed leaves a stream still running (its listeners, its timers).
      await endUnread(source);
    }
    this.#finish(failure);
  }

  #finish(failure: readonly GraphQLError[] | undefined): void {
    this.closed = true;
    this.#forget();
    this.#waiting = undefined; // a newcomer's first value, still executing, is not sent after the end
    for (const member of this.#members) member.end(failure);
  }

  // A call of its own, so that the payload and the members are not kept by the suspended pump
  // while it waits for the next value, thousands of groups over.
  async #deliver(value: unknown): Promise<void> {
    if (this.sharing === 'view') this.#latest = { value };
    // A group opened on a live reading that has a value already hears it before its first
    // member joins; the member is sent it as it joins.
    if (this.#members.size === 0) return;
    const payload = await this.execution.payloadOf(value);
    // To the members there were when the value came, a slice per turn of the event loop: a
    // request arriving meanwhile (a query, a bump) waits for one slice, not for every socket.
    const members = [...this.#members];
    this.#waiting = undefined;
    for (let i = 0; i < members.length; i++) {
      if (i > 0 && i % SOCKETS_PER_TURN === 0) await nextTurn();
      const member = members[i]!;
      if (this.#members.has(member)) member.send(payload); // unless it left meanwhile
    }
  }

  /** A newcomer opens another group. */
  #forget(): void {
    if (this.groups.get(this.execution.group) === this) this.groups.delete(this.execution.group);
  }

  async #close(): Promise<void> {
    this.closed = true;
    this.#forget();
    this.#attachment?.leave(this);
    if (this.#read) await endUnread(this.#read);
  }
}

/** The subscriptions of an operation whose ExecutionArgs carry `rootValue.delivery` (graphql-ws.ts) are delivered this way. */
export function useSharedExecution(finish: FinishResult): Plugin {
  /** Open groups by key; while one opens, the promise of it, which the next subscriber awaits. */
  const groups = new Map<string, SharedGroup | Promise<SharedGroup | ExecutionResult>>();

  async function openGroup(execution: Execution, sharing: Sharing): Promise<SharedGroup | ExecutionResult> {
    const source = await createSourceEventStream(execution.args);
    if (!isAsyncIterable(source)) return source;
    return new SharedGroup(source[Symbol.asyncIterator](), sharing, execution, groups);
  }

  /** The group's entry while it opens: the group once open, gone if it was refused (an error is each subscriber's own) or has already ended. */
  function opening(group: string, args: ExecutionArgs, sharing: Sharing): Promise<SharedGroup | ExecutionResult> {
    const opened = openGroup(new Execution(group, args, finish), sharing);
    groups.set(group, opened);
    const settle = (value?: SharedGroup | ExecutionResult) => {
      if (groups.get(group) !== opened) return;
      if (value instanceof SharedGroup && !value.closed) groups.set(group, value);
      else groups.delete(group);
    };
    opened.then(settle, () => settle());
    return opened;
  }

  return {
    onSubscribe({ args, setSubscribeFn }) {
      const delivery = (args.rootValue as { delivery?: LiveDelivery } | undefined)?.delivery;
      if (!delivery) return;
      setSubscribeFn(async (args: ExecutionArgs) => {
        const group = groupOf(args);
        const sharing = sharingOf(args);
        if (sharing) {
          for (let attempt = 0; ; attempt++) {
            // A group that ended before this subscriber could join it: another opens, a turn
            // later, so a stream that keeps ending at once cannot hold the event loop.
            if (attempt > 0) await nextTurn();
            const entry = groups.get(group) ?? opening(group, args, sharing);
            const opened = await entry;
            if (!(opened instanceof SharedGroup)) return opened;
            if (!opened.closed) {
              opened.join(delivery);
              return DELIVERED;
            }
            if (groups.get(group) === entry) groups.delete(group);
          }
        }
        const execution = new Execution(group, args, finish);
        const source = await createSourceEventStream(execution.args);
        if (!isAsyncIterable(source)) return source;
        new OwnStream(source[Symbol.asyncIterator](), execution, delivery);
        return DELIVERED;
      });
    },
  };
}
