// The event log's order for readers on PostgreSQL, where writers do not wait for each other: a
// transaction that began first but commits last still comes first, and nothing a reader has passed
// can appear behind it (server/events/log.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVANCE, ORDER_EVENTS, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { createTestDatabase, withPostgres } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';
import { recordingLogger } from '../support/recording-logger.ts';
import { eventLog } from '../../server/events/log.ts';
import { sharedLogReads } from '../../server/events/shared-log-reads.ts';
import { eventStream, type EventLog } from '../../server/events/stream.ts';

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
    const change = (await server.gql(ADVANCE, { number: 2 })).data.advanceOrder;
    expect(change.event).toMatchObject({ id: '3', cursor: '3' });
    // Its event waits: were it read now, a reader past it would never see the event still to come.
    await expect(stream.next(700)).rejects.toThrow(/no subscription event/);
    // A client following on from the change's own answer starts where nothing can come before it.
    const fromAnswer = subscribe(server.ws(), ORDER_EVENTS, { after: change.event.cursor });
    await new Promise((resolve) => setTimeout(resolve, 300)); // it has started, the transaction still running

    finish.open();
    const heldId = await held;
    expect(heldId).toBe(4);
    // The held transaction's event was never published: the stream reads the log again by itself.
    const events = await stream.take(2, 5_000);
    expect(events.map((e) => e.orderEvents.id)).toEqual(['4', '3']);
    // The event that commits later but comes first reaches the client that had the answer's cursor,
    // and the answer's own event does not come again.
    expect((await fromAnswer.next(5_000)).orderEvents.id).toBe('4');

    // A cursor resumes right after its event, in the log's order.
    const resumed = subscribe(server.ws(), ORDER_EVENTS, { after: '4' });
    expect((await resumed.next()).orderEvents.id).toBe('3');
    for (const reader of [stream, fromAnswer, resumed]) {
      await expect(reader.next(300)).rejects.toThrow(/no subscription event/);
      reader.unsubscribe();
    }
  });

  it('starts a stream past an event committed before it that the log could not show yet, once it can', async () => {
    const other = (await server.gql(PLACE_ORDER, { input: takeoutOrder() })).data.placeOrder.order;
    const { number } = (await server.gql(PLACE_ORDER, { input: takeoutOrder() })).data.placeOrder.order;
    const cursor = (await server.gql('{ latestEventCursor }')).data.latestEventCursor as string;
    // A transaction holds the log's fence back; it will end without an event of its own.
    const { db } = server.app.services;
    const wrote = gate();
    const finish = gate();
    const held = db.orders
      .transaction(async (tx) => {
        const order = (await tx.orderById(Number(other.id)))!;
        await tx.setItemsDone([order.items[0]!.id], null);
        wrote.open();
        await finish.opened;
        throw new Error('rolled back');
      })
      .catch((error: Error) => error.message);
    await wrote.opened;
    const change = (await server.gql(ADVANCE, { number })).data.advanceOrder;
    // Published before this client subscribed, so its stream never hears of it from the bus.
    const stream = subscribe(server.ws(), ORDER_EVENTS, { after: cursor });
    await new Promise((resolve) => setTimeout(resolve, 300)); // it has read the log, which held the change back
    finish.open();
    expect(await held).toBe('rolled back');
    expect((await stream.next(5_000)).orderEvents.id).toBe(change.event.id);
    stream.unsubscribe();
  });

  it('reads the log once for all the streams one event wakes, and hands them the order the bus brought', async () => {
    const { db, bus, logger } = server.app.services;
    const inner = eventLog(db, logger);
    let reads = 0;
    const counted: EventLog = { ...inner, after: (after, limit) => ((reads += 1), inner.after(after, limit)) };
    const log = sharedLogReads(counted, bus);
    const { number } = (await server.gql(PLACE_ORDER, { input: takeoutOrder() })).data.placeOrder.order;
    // Screens following from cursors of their own, all caught up.
    const cursor = (await inner.head()).id;
    const streams = Array.from({ length: 40 }, () => eventStream({ bus, log, after: cursor })[Symbol.asyncIterator]());
    const firsts = streams.map((stream) => stream.next());
    await expect.poll(() => reads, { timeout: 5_000 }).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // every replay has ended
    reads = 0;

    await server.gql(ADVANCE, { number });
    const events = (await Promise.all(firsts)).map((next) => next.value!);
    expect(new Set(events.map((event) => event.kind))).toEqual(new Set(['STATUS_CHANGED']));
    // One read, or a few when another test's transaction held the fence back for a retry: one each would be 40.
    expect(reads).toBeLessThan(8);
    expect(events.every((event) => event.order?.status === 'CONFIRMED')).toBe(true);
    await Promise.all(streams.map((stream) => stream.return?.()));
  });

  it('says which transaction holds live events back when one has for seconds, and delivers them once it ends', async () => {
    const database = await createTestDatabase('postgresql');
    const { logger, said } = recordingLogger();
    const watched = await startServer({ database, logger });
    try {
      const { number } = (await watched.gql(PLACE_ORDER, { input: takeoutOrder() })).data.placeOrder.order;
      const stream = subscribe(watched.ws(), ORDER_EVENTS, {});
      await new Promise((resolve) => setTimeout(resolve, 200)); // it follows from now on
      // A session left idle in a transaction that has written (so it has a transaction id).
      const ended = gate();
      const idle = withPostgres(database, async (client) => {
        await client.query("SET application_name = 'forgotten psql'");
        await client.query('BEGIN');
        const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
        await ended.opened;
        await client.query('COMMIT');
        return rows[0]!.xid;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const change = (await watched.gql(ADVANCE, { number })).data.advanceOrder;
      const warning = /^live events are held back by PostgreSQL transaction/;
      await expect.poll(() => said(warning).length, { timeout: 10_000, interval: 200 }).toBe(1);
      const [line] = said(warning);
      expect(line!.transaction).toMatchObject({ application: 'forgotten psql', state: 'idle in transaction' });
      expect(line!.msg).toContain(`backend ${(line!.transaction as { pid: number }).pid}`);
      ended.open();
      // pg_stat_activity shows the 32-bit id, without the epoch that pg_current_xact_id adds.
      expect(line!.transaction).toMatchObject({ xid: String(BigInt(await idle) % 2n ** 32n) });
      expect((await stream.next(5_000)).orderEvents.id).toBe(change.event.id);
      stream.unsubscribe();
    } finally {
      await watched.stop();
      await database.drop();
    }
  }, 30_000);

  it('takes a cursor past every id there can be as one past every event so far', async () => {
    const stream = subscribe(server.ws(), ORDER_EVENTS, { after: '999999999999' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.gql(PLACE_ORDER, { input: takeoutOrder() });
    expect((await stream.next(5_000)).orderEvents.kind).toBe('PLACED');
    stream.unsubscribe();
  });

  it('goes on in order from a log restored from another cluster, whose transaction ids are ahead of this one’s', async () => {
    const database = await createTestDatabase('postgresql');
    const before = await startServer({ database });
    await before.gql(PLACE_ORDER, { input: takeoutOrder() });
    await before.gql(ADVANCE, { number: 1 });
    await before.stop();
    // As a dump of a busier cluster would bring them.
    await withPostgres(database, (client) => client.query('UPDATE "OrderEvent" SET tx = tx + 1000000000000'));
    const again = await startServer({ database });
    try {
      const token = before.managerToken; // made by the first start
      await again.gql(ADVANCE, { number: 1 }, token);
      const stream = subscribe(again.ws(token), ORDER_EVENTS, { after: '0' });
      expect((await stream.take(3)).map((e) => e.orderEvents.id)).toEqual(['1', '2', '3']);
      expect((await again.gql('{ latestEventCursor }', {}, token)).data.latestEventCursor).toBe('3');
      stream.unsubscribe();
    } finally {
      await again.stop();
      await database.drop();
    }
  });
});
