// A customer places an order; kitchen and tracker see every change live, over real sockets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KITCHEN_CAPACITY } from '../../server/domain/eta.ts';
import { PROVIDERS } from '../support/databases.ts';
import { ADVANCE, CANCEL, ORDER_EVENTS, ORDER_UPDATED, PLACE_ORDER, SET_STATUS, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

describe.each(PROVIDERS)('live orders on %s', (provider) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer({ provider });
  });
  afterEach(() => server.stop());

  async function place(input = takeoutOrder(), token: string | null = null) {
    const { data, errors } = await server.gql(PLACE_ORDER, { input }, token);
    expect(errors).toBeUndefined();
    expect(data.placeOrder.__typename).toBe('OrderChange');
    return data.placeOrder;
  }

  it('a customer places an order with no token and gets a number, a tracking code and a promise', async () => {
    const { order, event } = await place();
    expect(order).toMatchObject({ number: 1, status: 'PENDING', version: 1, type: 'TAKEOUT', nextStatus: 'CONFIRMED' });
    expect(order.trackingCode).toMatch(/^[0-9a-z]{20}$/);
    expect(order.items).toEqual([
      { name: 'Margherita', quantity: 2, station: 'oven', modifiers: ['extra cheese'] },
      { name: 'Cola', quantity: 1, station: 'bar', modifiers: [] },
    ]);
    // An idle kitchen: the slowest item (a 12-minute pizza) sets the promise.
    expect(Date.parse(order.promisedAt) - Date.now()).toBeGreaterThan(11 * 60_000);
    expect(event.kind).toBe('PLACED');
    expect((await place()).order.number).toBe(2);
  });

  it('the kitchen stream and the customer tracker both receive each change', async () => {
    const { order, event } = await place();
    const kitchen = subscribe(server.ws(), ORDER_EVENTS, { after: event.cursor });
    const tracker = subscribe(server.ws(null), ORDER_UPDATED, { code: order.trackingCode });
    expect((await tracker.next()).orderUpdated).toMatchObject({ number: 1, status: 'PENDING' });

    const bump = await server.gql(ADVANCE, { number: 1, expectedVersion: 1 });
    expect(bump.data.advanceOrder.order).toMatchObject({ status: 'CONFIRMED', version: 2 });

    const seen = await kitchen.next();
    expect(seen.orderEvents).toMatchObject({
      kind: 'STATUS_CHANGED',
      fromStatus: 'PENDING',
      toStatus: 'CONFIRMED',
      orderNumber: 1,
      order: { number: 1, status: 'CONFIRMED' },
    });
    expect((await tracker.next()).orderUpdated).toMatchObject({ status: 'CONFIRMED', version: 2 });
  });

  it('orderEvents first replays what happened after the cursor, then continues live', async () => {
    await place();
    await server.gql(ADVANCE, { number: 1 });
    await server.gql(ADVANCE, { number: 1 });
    const stream = subscribe(server.ws(), ORDER_EVENTS, { after: '0' });
    const replayed = await stream.take(3);
    expect(replayed.map((e) => [e.orderEvents.id, e.orderEvents.toStatus])).toEqual([
      ['1', 'PENDING'],
      ['2', 'CONFIRMED'],
      ['3', 'PREPARING'],
    ]);
    await server.gql(ADVANCE, { number: 1 });
    expect((await stream.next()).orderEvents).toMatchObject({ id: '4', toStatus: 'READY' });
  });

  it('filters the stream by status, type and station while the cursor moves past everything', async () => {
    await place(takeoutOrder({ items: [{ menuItemId: 'cola', quantity: 1 }] }));
    await place(takeoutOrder({ type: 'DELIVERY', address: '1 Main St', items: [{ menuItemId: 'cheeseburger', quantity: 1 }] }));
    await server.gql(ADVANCE, { number: 1 });
    await server.gql(ADVANCE, { number: 2 });
    const grill = subscribe(server.ws(), ORDER_EVENTS, { after: '0', filter: { stations: ['grill'], statuses: ['CONFIRMED'] } });
    expect((await grill.next()).orderEvents).toMatchObject({ orderNumber: 2, toStatus: 'CONFIRMED' });
    const deliveries = subscribe(server.ws(), ORDER_EVENTS, { after: '0', filter: { types: ['DELIVERY'] } });
    expect((await deliveries.take(2)).map((e) => e.orderEvents.orderNumber)).toEqual([2, 2]);
  });

  it('a customer reconnecting mid-stream resumes from the last cursor with nothing lost or repeated', async () => {
    await place();
    const first = subscribe(server.ws(), ORDER_EVENTS, { after: '0' });
    const before = await first.take(1);
    first.unsubscribe();

    // Changes keep coming while the client is away, including a second order.
    await server.gql(ADVANCE, { number: 1 });
    await place();
    await server.gql(ADVANCE, { number: 2 });
    await server.gql(ADVANCE, { number: 1 });

    const resumed = subscribe(server.ws(), ORDER_EVENTS, { after: before[0]!.orderEvents.cursor });
    const missed = await resumed.take(4);
    await server.gql(ADVANCE, { number: 2 });
    const live = await resumed.next();
    const ids = [...before, ...missed, live].map((e) => Number(e.orderEvents.id));
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('events committed while a replay runs arrive exactly once, in order', async () => {
    for (let i = 0; i < 30; i++) await place(takeoutOrder({ items: [{ menuItemId: 'cola', quantity: 1 }] }));
    const stream = subscribe(server.ws(), ORDER_EVENTS, { after: '0' });
    // Writers race the replay of the first 30 events.
    const writes = Promise.all(Array.from({ length: 20 }, (_, i) => server.gql(ADVANCE, { number: i + 1 })));
    const events = await stream.take(50, 10_000);
    await writes;
    const ids = events.map((e) => Number(e.orderEvents.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // In the log's order: by id on SQLite; on PostgreSQL, where concurrent changes commit side by
    // side, by (transaction, id).
    const logged = await server.app.services.db.read.orderEvent.findMany({ orderBy: [{ tx: 'asc' }, { id: 'asc' }], select: { id: true } });
    expect(ids).toEqual(logged.map((event) => event.id));
    if (provider === 'sqlite') expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('two kitchen screens bump the same ticket at once: exactly one wins, the other is told why', async () => {
    await place();
    const screens = [await server.token('KITCHEN', 'Grill screen'), await server.token('KITCHEN', 'Pass screen')];
    const results = await Promise.all(screens.map((token) => server.gql(ADVANCE, { number: 1, expectedVersion: 1 }, token)));
    const outcomes = results.map((r) => r.data.advanceOrder);
    expect(outcomes.map((o) => o.__typename).sort()).toEqual(['OrderChange', 'VersionConflictError']);
    const loser = outcomes.find((o) => o.__typename === 'VersionConflictError');
    expect(loser).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2, currentStatus: 'CONFIRMED' });
    expect(loser.message).toContain('reload it and try again');
    const history = await server.gql(`{ order(number: 1) { status version history { toStatus } } }`);
    expect(history.data.order).toMatchObject({ status: 'CONFIRMED', version: 2 });
    expect(history.data.order.history.map((e: { toStatus: string }) => e.toStatus)).toEqual(['PENDING', 'CONFIRMED']);
  });

  it('setting the status an order already has is a no-op: no event, no new version', async () => {
    await place();
    const same = await server.gql(SET_STATUS, { number: 1, status: 'PENDING' });
    expect(same.data.updateOrderStatus).toMatchObject({ __typename: 'OrderChange', event: null, order: { version: 1 } });

    // Cancelling twice: the second needs no reason, because it changes nothing.
    await server.gql(CANCEL, { number: 1, reason: 'customer left' });
    const again = await server.gql(SET_STATUS, { number: 1, status: 'CANCELLED' });
    expect(again.data.updateOrderStatus).toMatchObject({ __typename: 'OrderChange', event: null, order: { status: 'CANCELLED', version: 2 } });
    const withoutReason = await server.gql(SET_STATUS, { number: (await place()).order.number, status: 'CANCELLED' });
    expect(withoutReason.data.updateOrderStatus).toMatchObject({ __typename: 'ValidationError', message: 'reason: say why the order is cancelled' });
  });

  it('an illegal transition is refused with a typed error naming both statuses', async () => {
    await place();
    const skip = await server.gql(SET_STATUS, { number: 1, status: 'READY' });
    expect(skip.data.updateOrderStatus).toMatchObject({
      __typename: 'InvalidTransitionError',
      code: 'INVALID_TRANSITION',
      from: 'PENDING',
      to: 'READY',
      message: 'order 1 cannot go from PENDING to READY: PENDING can only move to CONFIRMED (or CANCELLED), not READY',
    });
    const unknown = await server.gql(ADVANCE, { number: 99 });
    expect(unknown.data.advanceOrder).toMatchObject({ __typename: 'NotFoundError', message: 'there is no order number 99' });
  });

  it('delivery orders go out for delivery, and finished orders never change again', async () => {
    await place(takeoutOrder({ type: 'DELIVERY', address: '12 Quay Street' }));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await server.gql(ADVANCE, { number: 1 })).data.advanceOrder.order.status);
    expect(statuses).toEqual(['CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'COMPLETED']);
    const again = await server.gql(ADVANCE, { number: 1 });
    expect(again.data.advanceOrder).toMatchObject({
      __typename: 'InvalidTransitionError',
      from: 'COMPLETED',
      to: null,
      message: 'order 1 cannot move on: a COMPLETED order has no next step',
    });
    const cancel = await server.gql(`mutation { cancelOrder(number: 1, reason: "oops") { __typename } }`);
    expect(cancel.data.cancelOrder.__typename).toBe('InvalidTransitionError');
  });

  it('a retried placement with the same key returns the first order; a different request with it is refused', async () => {
    const input = takeoutOrder();
    const first = await server.gql(PLACE_ORDER, { input, key: 'checkout-7f3a' }, null);
    const retry = await server.gql(PLACE_ORDER, { input, key: 'checkout-7f3a' }, null);
    expect(retry.data.placeOrder).toMatchObject({ replayed: true, order: { number: first.data.placeOrder.order.number } });
    expect(retry.data.placeOrder.order.trackingCode).toBe(first.data.placeOrder.order.trackingCode);
    expect(retry.data.placeOrder.event.id).toBe(first.data.placeOrder.event.id);

    const other = await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Alex' }), key: 'checkout-7f3a' }, null);
    expect(other.data.placeOrder).toMatchObject({ __typename: 'IdempotencyKeyReusedError', code: 'IDEMPOTENCY_KEY_REUSED' });
    const count = await server.gql(`{ orders(first: 10) { edges { node { number } } } }`);
    expect(count.data.orders.edges).toHaveLength(1);
  });

  it('retried status changes apply once, even when the retries race each other', async () => {
    await place();
    const attempts = await Promise.all(Array.from({ length: 4 }, () => server.gql(ADVANCE, { number: 1, key: 'bump-1' })));
    const changes = attempts.map((a) => a.data.advanceOrder);
    expect(new Set(changes.map((c) => c.event.id)).size).toBe(1);
    expect(changes.filter((c) => !c.replayed)).toHaveLength(1);
    const after = await server.gql(`{ order(number: 1) { status version } }`);
    expect(after.data.order).toEqual({ status: 'CONFIRMED', version: 2 });
  });

  it('validation problems are reported per field', async () => {
    const bad = await server.gql(
      PLACE_ORDER,
      {
        input: {
          customerName: ' ',
          type: 'DELIVERY',
          items: [
            { menuItemId: 'margherita', quantity: 0 },
            { menuItemId: 'fries', quantity: 1, modifiers: ['gravy'] },
            { menuItemId: 'caviar', quantity: 1 },
          ],
        },
      },
      null,
    );
    expect(bad.data.placeOrder.__typename).toBe('ValidationError');
    expect(bad.data.placeOrder.problems).toEqual([
      { path: 'customerName', message: 'enter a name' },
      { path: 'items.0.quantity', message: 'at least 1' },
      { path: 'address', message: 'a delivery needs an address' },
    ]);
    const menuProblems = await server.gql(PLACE_ORDER, {
      input: takeoutOrder({ items: [{ menuItemId: 'fries', quantity: 1, modifiers: ['gravy'] }, { menuItemId: 'caviar', quantity: 1 }] }),
    });
    expect(menuProblems.data.placeOrder.problems).toEqual([
      { path: 'items.0.modifiers', message: '"gravy" is not offered for Fries; choose from no salt, truffle' },
      { path: 'items.1.menuItemId', message: '"caviar" is not on the menu' },
    ]);
  });

  it('lists orders as a cursor connection filtered by status, type and station', async () => {
    await place(takeoutOrder({ items: [{ menuItemId: 'cola', quantity: 1 }] }));
    await place(takeoutOrder({ type: 'DINE_IN', table: '4', items: [{ menuItemId: 'cheeseburger', quantity: 1 }] }));
    await place();
    await server.gql(ADVANCE, { number: 2 });
    const list = (filter: object, page = 'first: 10') =>
      server.gql(`query($filter: OrderFilter) { orders(${page}, filter: $filter) { edges { cursor node { number } } pageInfo { hasNextPage endCursor } } }`, { filter });
    const numbers = async (filter: object, page?: string) =>
      (await list(filter, page)).data.orders.edges.map((e: { node: { number: number } }) => e.node.number);
    expect(await numbers({ statuses: ['PENDING'] })).toEqual([1, 3]);
    expect(await numbers({ types: ['DINE_IN'] })).toEqual([2]);
    expect(await numbers({ stations: ['bar'] })).toEqual([1, 3]);
    expect(await numbers({}, 'last: 2')).toEqual([2, 3]);
    const page1 = (await list({}, 'first: 2')).data.orders;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(await numbers({}, `first: 2, after: "${page1.pageInfo.endCursor}"`)).toEqual([3]);
  });
});

describe('a customer tracking an order', () => {
  let now = Date.parse('2026-11-25T12:00:00Z');
  let server: TestServer;
  afterEach(() => server.stop());

  it('is told when the estimate slips, without the order itself changing', async () => {
    server = await startServer({ clock: () => new Date(now) });
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    await server.gql(ADVANCE, { number: 1 });
    await server.gql(ADVANCE, { number: 1 }); // PREPARING: a 12-minute pizza
    const tracker = subscribe(server.ws(null), `subscription($code: String!) { orderUpdated(trackingCode: $code) { status version estimatedReadyAt minutesLate } }`, {
      code: placed.data.placeOrder.order.trackingCode,
    });
    const first = (await tracker.next()).orderUpdated;
    expect(first).toMatchObject({ status: 'PREPARING', minutesLate: 0 });

    // Twenty minutes on the pizza is still not out. Any kitchen activity re-checks estimates.
    now += 20 * 60_000;
    await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Next' }) }, null);
    const slipped = (await tracker.next()).orderUpdated;
    expect(slipped.version).toBe(first.version);
    expect(Date.parse(slipped.estimatedReadyAt)).toBeGreaterThan(Date.parse(first.estimatedReadyAt));
    expect(slipped.minutesLate).toBe(9); // promised 12:12, now expected 12:21
  });
  it('is told when a rush order jumps ahead of it, and not when an order queues behind it', async () => {
    server = await startServer({ clock: () => new Date(now) });
    // Every slot of the kitchen busy, and all but one of the next round taken, so the tracked order
    // starts with the next round, and one more ticket ahead of it pushes it back a round.
    for (let number = 1; number <= KITCHEN_CAPACITY; number++) {
      await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: `Cooking ${number}` }) }, null);
      for (let step = 0; step < 2; step++) await server.gql(ADVANCE, { number });
    }
    for (let waiting = 1; waiting < KITCHEN_CAPACITY; waiting++) await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: `Waiting ${waiting}` }) }, null);
    const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const tracker = subscribe(server.ws(null), ORDER_UPDATED, { code: placed.data.placeOrder.order.trackingCode });
    const first = (await tracker.next()).orderUpdated;

    await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Behind' }) }, null);
    await expect(tracker.next(400)).rejects.toThrow(/no subscription event/);

    await server.gql(PLACE_ORDER, { input: takeoutOrder({ customerName: 'Ahead', rush: true }) });
    const moved = (await tracker.next()).orderUpdated;
    expect(moved.version).toBe(first.version);
    expect(Date.parse(moved.estimatedReadyAt)).toBeGreaterThan(Date.parse(first.estimatedReadyAt));
  });
});

describe('links and cursors', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  it('gives each order its tracking URL and staff the newest cursor', async () => {
    server = await startServer();
    expect((await server.gql(`{ latestEventCursor }`)).data.latestEventCursor).toBe('0');
    const placed = await server.gql(`mutation { placeOrder(input: { customerName: "Kim", type: TAKEOUT, items: [{ menuItemId: "cola", quantity: 1 }] }) { ... on OrderChange { order { trackingCode trackingUrl } } } }`, {}, null);
    const { trackingCode, trackingUrl } = placed.data.placeOrder.order;
    expect(trackingUrl).toBe(`${server.url}/track/${trackingCode}`);
    expect((await server.gql(`{ latestEventCursor }`)).data.latestEventCursor).toBe('1');
    expect((await server.gql(`{ latestEventCursor }`, {}, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
