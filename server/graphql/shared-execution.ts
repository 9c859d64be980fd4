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
import { liveMetrics } from './live-metrics.ts';

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

function payloadShared(group: string, value: unknown, args: ExecutionArgs, finish: FinishResult): Promise<string> {
  let payloads = turn.get(value);
  if (!payloads) turn.set(value, (payloads = new Map<string, Promise<string>>()));
  let payload = payloads.get(group);
  if (!payload) {
    liveMetrics.executions++;
    payload = Promise.resolve(execute({ ...args, rootValue: value })).then((result) => JSON.stringify(finish(result)));
    payloads.set(group, payload);
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
    private readonly payloadOf: (value: unknown) => Promise<string>,
    member: LiveDelivery,
    fail: (error: unknown) => readonly GraphQLError[],
  ) {
    member.membership = this;
    this.#pump(member).then(
      () => member.end(),
      (error: unknown) => member.end(fail(error)),
    );
  }

  async #pump(member: LiveDelivery): Promise<void> {
    while (!this.#stopped) {
      const next = await this.source.next();
      if (next.done) return;
      const payload = await this.payloadOf(next.value);
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
 */
class SharedGroup implements Membership {
  readonly #members = new Set<LiveDelivery>();
  /** Newcomers waiting for the newest value as they joined (a live view); the stream's next value supersedes it. */
  #waiting: Set<LiveDelivery> | undefined;
  /** Its stream has ended, or is ending with its last member: a newcomer opens another group. */
  closed = false;
  /** The stream's newest value, kept for a live view's newcomers. */
  #latest: { value: unknown } | undefined;
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly sharing: Sharing,
    private readonly payloadOf: (value: unknown) => Promise<string>,
    private readonly fail: (error: unknown) => readonly GraphQLError[],
    private readonly onEnd: () => void,
  ) {
    void this.#pump();
  }

  join(member: LiveDelivery): void {
    member.membership = this;
    this.#members.add(member);
    if (!this.#latest) return;
    (this.#waiting ??= new Set()).add(member);
    this.payloadOf(this.#latest.value).then((payload) => {
      if (this.#waiting?.delete(member)) member.send(payload);
    }, (error: unknown) => {
      void this.leave(member);
      member.end(this.fail(error));
    });
  }

  async leave(member: LiveDelivery): Promise<void> {
    this.#waiting?.delete(member);
    if (this.#members.delete(member) && this.#members.size === 0) await this.#close();
  }

  async #pump(): Promise<void> {
    let failure: readonly GraphQLError[] | undefined;
    try {
      for (let next = await this.source.next(); !next.done; next = await this.source.next()) await this.#deliver(next.value);
    } catch (error) {
      failure = this.fail(error);
    }
    this.closed = true;
    this.onEnd();
    for (const member of this.#members) member.end(failure);
  }

  // A call of its own, so that the payload and the members are not kept by the suspended pump
  // while it waits for the next value, thousands of groups over.
  async #deliver(value: unknown): Promise<void> {
    if (this.sharing === 'view') this.#latest = { value };
    // A group opened on a live reading that has a value already hears it before its first
    // member joins; the member is sent it as it joins.
    if (this.#members.size === 0) return;
    const payload = await this.payloadOf(value);
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

  async #close(): Promise<void> {
    this.closed = true;
    this.onEnd();
    await endUnread(this.source);
  }
}

/** The subscriptions of an operation whose ExecutionArgs carry `rootValue.delivery` (graphql-ws.ts) are delivered this way. */
export function useSharedExecution(finish: FinishResult): Plugin {
  const groups = new Map<string, Promise<SharedGroup | ExecutionResult>>();
  const fail = (error: unknown) => finish({ errors: [error as GraphQLError] }).errors!;

  async function openGroup(group: string, sharing: Sharing, args: ExecutionArgs): Promise<SharedGroup | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const opened = groups.get(group);
    return new SharedGroup(source[Symbol.asyncIterator](), sharing, (value) => payloadShared(group, value, args, finish), fail, () => {
      if (groups.get(group) === opened) groups.delete(group);
    });
  }

  return {
    onSubscribe({ args, setSubscribeFn }) {
      const delivery = (args.rootValue as { delivery?: LiveDelivery } | undefined)?.delivery;
      if (!delivery) return;
      setSubscribeFn(async (args: ExecutionArgs) => {
        const group = groupOf(args);
        const sharing = sharingOf(args);
        if (sharing) {
          for (;;) {
            let opening = groups.get(group);
            if (!opening) {
              opening = openGroup(group, sharing, args);
              groups.set(group, opening);
              // A refusal (an error result) is each subscriber's own, never kept for the next.
              void opening.then((opened) => opened instanceof SharedGroup || groups.delete(group), () => groups.delete(group));
            }
            const opened = await opening;
            if (!(opened instanceof SharedGroup)) return opened;
            if (!opened.closed) {
              opened.join(delivery);
              return DELIVERED;
            }
            if (groups.get(group) === opening) groups.delete(group);
          }
        }
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        new OwnStream(source[Symbol.asyncIterator](), (value) => payloadShared(group, value, args, finish), delivery, fail);
        return DELIVERED;
      });
    },
  };
}
