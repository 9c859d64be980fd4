// The shared execution plugin driven directly, with graphql-js and a schema of its own: what a
// group's members are sent when values come faster than they execute, when the stream ends
// while a newcomer's first value still executes, and when a delivery fails.
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { useSharedExecution, type LiveDelivery, type Membership } from '../../server/graphql/shared-execution.ts';
import { SharedStreams, type Sink } from '../../server/events/shared-streams.ts';

/** What a member was sent: each value, then "end" or "error". */
class Recorder implements LiveDelivery {
  readonly heard: string[] = [];
  membership: Membership | undefined;
  send(payload: string): void {
    const { data } = JSON.parse(payload) as { data: Record<string, string> };
    this.heard.push(Object.values(data)[0]!);
  }
  end(errors?: readonly GraphQLError[]): void {
    this.heard.push(errors ? `error: ${errors.map((error) => error.message).join()}` : 'end');
  }
}

const readings = new SharedStreams<string, string>();
let reading: Sink<string> | undefined;
/** A value's execution waits this long, so that others can come meanwhile. */
let resolveMs = 0;
/** A stream read in a loop (not a live reading), and whether it was ended. */
const events = { pending: [] as string[], wake: undefined as (() => void) | undefined, returned: false };

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      // A live view: values pushed by a shared reading.
      orderUpdated: {
        type: GraphQLString,
        subscribe: () => readings.follow('order', (sink) => ((reading = sink), { stop: () => (reading = undefined) })),
        resolve: async (value: string) => {
          if (resolveMs) await new Promise((resolve) => setTimeout(resolve, resolveMs));
          return value;
        },
      },
      // Events from now on: a stream the group reads in a loop.
      orderEvents: {
        type: GraphQLString,
        subscribe: (): AsyncIterableIterator<string> => ({
          async next() {
            while (events.pending.length === 0) await new Promise<void>((resolve) => (events.wake = resolve));
            return { done: false, value: events.pending.shift()! };
          },
          async return() {
            events.returned = true;
            return { done: true, value: undefined };
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        }),
        resolve: (value: string) => value,
      },
    },
  }),
});

/** Error masking stands in for Yoga's: here it fails on one value, as a serialisation might. */
function finish(result: ExecutionResult): ExecutionResult {
  if (result.data?.orderEvents === 'unfinishable') throw new Error('could not finish the result');
  return result;
}
const plugin = useSharedExecution(finish);

async function subscribe(field: 'orderUpdated' | 'orderEvents', member: Recorder): Promise<void> {
  const args = { schema, document: parse(`subscription { ${field} }`), contextValue: { actor: { kind: 'customer' }, origin: 'http://orderline.test' }, rootValue: { delivery: member } } as ExecutionArgs;
  let subscribeFn: ((args: ExecutionArgs) => Promise<unknown>) | undefined;
  void plugin.onSubscribe!({ args, setSubscribeFn: (fn: typeof subscribeFn) => (subscribeFn = fn) } as never);
  await subscribeFn!(args);
}

const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  resolveMs = 0;
  reading?.end();
});

describe('shared execution', () => {
  it('sends a live view the newest value after a slow one, then its end, never a value in between', async () => {
    resolveMs = 15;
    const member = new Recorder();
    await subscribe('orderUpdated', member);
    reading!.push('placed');
    await settle(5);
    for (const value of ['confirmed', 'preparing', 'ready']) reading!.push(value);
    reading!.end();
    await settle(60);
    expect(member.heard).toEqual(['placed', 'ready', 'end']);
  });

  it('sends a newcomer nothing after the end when the stream ends while its first value executes', async () => {
    const first = new Recorder();
    await subscribe('orderUpdated', first);
    reading!.push('placed');
    await settle();
    resolveMs = 15;
    const newcomer = new Recorder();
    await subscribe('orderUpdated', newcomer);
    reading!.end();
    await settle(40);
    expect(newcomer.heard).toEqual(['end']);
    expect(first.heard).toEqual(['placed', 'end']);
  });

  it('ends the members with the error when a delivery fails, and ends the stream it was reading', async () => {
    const member = new Recorder();
    await subscribe('orderEvents', member);
    events.pending.push('placed', 'unfinishable');
    events.wake?.();
    await settle();
    expect(member.heard).toEqual(['placed', 'error: could not finish the result']);
    expect(events.returned).toBe(true);
  });
});
