// The event log's order for readers on PostgreSQL, where writers do not wait for each other: a
// transaction that began first but commits last still comes first, and nothing a reader has passed
// can appear behind it (server/events/log.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVANCE, ORDER_EVENTS, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

const POSTGRES = process.env.ORDERLINE_TEST_POSTGRES_URL;

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.runIf(POSTGRES)('the event log on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ provider: 'postgresql' });
  });
  afterAll(() => server.stop());

  it('holds back an event while a transaction that began before it runs, then gives both in transaction order', async () => {
    const first = (await server.gql(PLACE_ORDER, { input: takeoutOrder() })).data.placeOrder.order;
    await server.gql(PLACE_ORDER, { input: takeoutOrder() });
    const stream = subscribe(server.ws(), ORDER_EVENTS, { after: '2' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the stream has read the log once

    // A transaction writes (so it has a transaction id), then waits before it appends its event.
    const { db } = server.app.services;
    const wrote = gate();
    const finish = gate();
    const held = db.orders.transaction(async (tx) => {
      const order = (await tx.orderById(Number(first.id)))!;
      await tx.setItemsDone([order.items[0]!.id], null);
      wrote.open();
      await finish.opened;
      const id = await tx.nextEventId();
      await tx.insertEvent({ id, orderId: order.id, kind: 'RUSH_CHANGED', fromStatus: null, toStatus: null, actor: 'test', at: new Date(), payload: { rush: false } });
      return id;
    });
    await wrote.opened;

    // Meanwhile a change commits, with the next id, and is published.
    const change = await server.gql(ADVANCE, { number: 2 });
    expect(change.data.advanceOrder.event.id).toBe('3');
    // Its event waits: were it read now, a reader past it would never see the event still to come.
    await expect(stream.next(700)).rejects.toThrow(/no subscription event/);
    expect((await server.gql('{ latestEventCursor }')).data.latestEventCursor).toBe('2');

    finish.open();
    const heldId = await held;
    expect(heldId).toBe(4);
    // The held transaction's event was never published: the stream reads the log again by itself.
    const events = await stream.take(2, 5_000);
    expect(events.map((e) => e.orderEvents.id)).toEqual(['4', '3']);
    expect((await server.gql('{ latestEventCursor }')).data.latestEventCursor).toBe('3');

    // A cursor resumes right after its event, in the log's order.
    const resumed = subscribe(server.ws(), ORDER_EVENTS, { after: '4' });
    expect((await resumed.next()).orderEvents.id).toBe('3');
    resumed.unsubscribe();
    stream.unsubscribe();
  });
});
