// Fan-out by group (server/graphql/shared-execution.ts): subscribers asking the same thing with the
// same access share one execution per event, and a subscriber with other access never gets a
// result computed for someone else.
import type { FormattedExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { liveMetrics } from '../../server/graphql/live-metrics.ts';
import { ADVANCE, ORDER_EVENTS, ORDER_UPDATED, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

const TRACKERS = 20;

/** Every result a subscription sends, errors included. */
function results(client: Client, query: string, variables: Record<string, unknown>): FormattedExecutionResult<Record<string, unknown>, unknown>[] {
  const seen: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  client.subscribe({ query, variables }, { next: (result) => void seen.push(result), error: () => undefined, complete: () => undefined });
  return seen;
}

describe('fan-out by group', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  it('runs the selection once per event for every customer on one order, and each still gets the change', async () => {
    server = await startServer();
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const code = placed.data.placeOrder.order.trackingCode;
    const trackers = Array.from({ length: TRACKERS }, () => subscribe(server.ws(null), ORDER_UPDATED, { code }));
    for (const tracker of trackers) expect((await tracker.next()).orderUpdated.status).toBe('PENDING');
    const staff = Array.from({ length: 3 }, () => subscribe(server.ws(), ORDER_EVENTS));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the staff streams are listening

    const before = liveMetrics.executions;
    await server.gql(ADVANCE, { number: 1 });
    for (const tracker of trackers) expect((await tracker.next()).orderUpdated).toMatchObject({ status: 'CONFIRMED', version: 2 });
    for (const stream of staff) expect((await stream.next()).orderEvents).toMatchObject({ kind: 'STATUS_CHANGED', toStatus: 'CONFIRMED', order: { status: 'CONFIRMED' } });
    // One for the customers' group, one for the staff's (one token, one document).
    expect(liveMetrics.executions - before).toBe(2);
  });

  it('shares one stream among staff following events from now on: a newcomer gets what follows, one leaving ends no other', async () => {
    server = await startServer();
    await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const first = subscribe(server.ws(), ORDER_EVENTS);
    const second = subscribe(server.ws(), ORDER_EVENTS);
    await new Promise((resolve) => setTimeout(resolve, 300)); // both are listening
    await server.gql(ADVANCE, { number: 1 });
    for (const stream of [first, second]) expect((await stream.next()).orderEvents).toMatchObject({ toStatus: 'CONFIRMED' });

    first.unsubscribe();
    const third = subscribe(server.ws(), ORDER_EVENTS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.gql(ADVANCE, { number: 1 });
    // The newcomer starts at the change after it joined, with no event of the order before it.
    for (const stream of [second, third]) expect((await stream.next()).orderEvents).toMatchObject({ toStatus: 'PREPARING', order: { status: 'PREPARING' } });

    second.unsubscribe();
    third.unsubscribe();
    // With its last member gone the group closes; one subscribing after that still gets what follows.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const later = subscribe(server.ws(), ORDER_EVENTS);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.gql(ADVANCE, { number: 1 });
    expect((await later.next()).orderEvents).toMatchObject({ toStatus: 'READY' });
  });

  it('shares one stream among customers on one order: a newcomer is sent the order as it is now, the others nothing extra', async () => {
    server = await startServer();
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const code = placed.data.placeOrder.order.trackingCode;
    const first = subscribe(server.ws(null), ORDER_UPDATED, { code });
    expect((await first.next()).orderUpdated).toMatchObject({ status: 'PENDING', version: 1 });
    await server.gql(ADVANCE, { number: 1 });
    expect((await first.next()).orderUpdated).toMatchObject({ status: 'CONFIRMED', version: 2 });

    const second = subscribe(server.ws(null), ORDER_UPDATED, { code });
    expect((await second.next()).orderUpdated).toMatchObject({ status: 'CONFIRMED', version: 2 });
    // Another order, queued behind this one, neither changes it nor moves its estimate.
    await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Behind' }) }, null);
    for (const tracker of [first, second]) await expect(tracker.next(400)).rejects.toThrow(/no subscription event/);

    first.unsubscribe();
    await server.gql(ADVANCE, { number: 1 });
    expect((await second.next()).orderUpdated).toMatchObject({ status: 'PREPARING', version: 3 });
    second.unsubscribe();
    // With the last member gone the group closes; one tracking the order after that starts afresh.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const later = subscribe(server.ws(null), ORDER_UPDATED, { code });
    expect((await later.next()).orderUpdated).toMatchObject({ status: 'PREPARING', version: 3 });
    later.unsubscribe();
  });

  it('never hands a customer what was computed for staff, nor staff what was computed for a customer', async () => {
    server = await startServer();
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const withHistory = 'subscription($code: String!) { orderUpdated(trackingCode: $code) { version history { kind } } }';
    const code = placed.data.placeOrder.order.trackingCode;
    const customer = results(server.ws(null), withHistory, { code });
    const manager = results(server.ws(), withHistory, { code });
    const kitchen = results(server.ws(await server.token('KITCHEN', 'Grill screen')), withHistory, { code });
    await expect.poll(() => [customer.length, manager.length, kitchen.length]).toEqual([1, 1, 1]);

    await server.gql(ADVANCE, { number: 1 });
    await expect.poll(() => [customer.length, manager.length, kitchen.length]).toEqual([2, 2, 2]);
    expect(customer[1]!.data).toBeNull();
    expect(customer[1]!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const staff of [manager, kitchen]) expect(staff[1]!.data).toEqual({ orderUpdated: { version: 2, history: [{ kind: 'PLACED' }, { kind: 'STATUS_CHANGED' }] } });
  });
});
