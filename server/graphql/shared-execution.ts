// Fan-out that costs per group, not per subscriber. Subscribers whose operation is the same
// document with the same variables, asked with the same access (the same staff token, or none),
// would compute the same result for an event; so the selection runs once per group and event, and
// every subscriber in the group is handed that one result.
//
// Shared only within one turn of the event loop: the subscribers of a group receive an event in
// the same turn, and a result kept longer could go stale, since some fields move with the clock
// (an order's estimate) even when the value pushed is the same object.
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { liveMetrics } from './live-metrics.ts';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Results of this turn: by the value pushed (an event, an order), then by group. */
let turn = new Map<unknown, Map<string, Result>>();
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

function executeShared(group: string, payload: unknown, args: ExecutionArgs): Result {
  let results = turn.get(payload);
  if (!results) turn.set(payload, (results = new Map<string, Result>()));
  let result = results.get(group);
  if (!result) {
    liveMetrics.executions++;
    result = execute({ ...args, rootValue: payload });
    results.set(group, result);
  }
  if (!ending) {
    ending = true;
    setImmediate(() => {
      turn = new Map();
      ending = false;
    });
  }
  return result;
}

/**
 * Each subscriber keeps its own source stream (its cursor, its filter); what is shared is turning
 * a value from it into a result. Envelop's own hooks still see every subscriber's results (error
 * masking, hidden suggestions), so nothing about what a client is told changes.
 */
export function useSharedExecution(): Plugin {
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args: ExecutionArgs) => {
        const source = await createSourceEventStream(args);
        if (!isAsyncIterable(source)) return source;
        const group = groupOf(args);
        return mapAsyncIterator(source, (payload: unknown) => executeShared(group, payload, args));
      });
    },
  };
}
