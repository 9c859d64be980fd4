// Concurrent changes to the order service: on SQLite they share one commit (the order store's
// group commit, each in a SAVEPOINT of its own), on PostgreSQL they commit side by side. Either
// way a change that fails fails alone, and the event log stays gap-free and in commit order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/auth/actor.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { ValidationError } from '../../server/errors.ts';
import type { EventMessage } from '../../server/events/message.ts';
import { VersionConflictError } from '../../server/orders/errors.ts';
import { PROVIDERS } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';

const MANAGER: Actor = { kind: 'staff', tokenId: 1, name: 'Group commit test', role: 'MANAGER' };
const ORDERS = 24;
const CONFLICTING = 5;
const INVALID = 17;

describe.each(PROVIDERS)('concurrent changes on %s', (provider) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ provider });
  });
  afterAll(() => server.stop());

  it('fail alone: the others commit, and their events are gap-free and published in id order', async () => {
    const { orders, db, bus } = server.app.services;
    const placed = [];
    for (let i = 0; i < ORDERS; i++) {
      placed.push((await orders.placeOrder({ customerName: `G${i}`, type: 'TAKEOUT', items: [{ menuItemId: 'cola', quantity: 1 }] }, MANAGER)).order);
    }
    // The newest id so far (the log's head on PostgreSQL waits for every older transaction of the
    // cluster, other test files' too).
    const head = (await db.read.orderEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const published: EventMessage[] = [];
    const ours = new Set(placed.map((order) => order.id));
    // Only the batch's events: the placements' own may still be on their way (dispatch waits a turn).
    const off = bus.onEvent((event) => void (ours.has(event.orderId) && event.id > head && published.push(event)));

    // All sent in one tick, with a Prisma write (a token) among them: the writers take turns.
    const token = createToken(db.write, 'during the batch', 'KITCHEN');
    const results = await Promise.allSettled(
      placed.map((order, i) => {
        if (i === CONFLICTING) return orders.advance({ order: { id: order.id }, expectedVersion: 7, idempotencyKey: `g-${i}` }, MANAGER);
        // Refused inside the transaction, by the planner: a cancellation needs a reason.
        if (i === INVALID) return orders.changeStatus({ order: { id: order.id }, to: 'CANCELLED', idempotencyKey: `g-${i}` }, MANAGER);
        return orders.advance({ order: { id: order.id }, expectedVersion: 1, idempotencyKey: `g-${i}` }, MANAGER);
      }),
    );
    await token;
    // The bus dispatches each event on the turn after its commit, once the changes have answered.
    await expect.poll(() => published.length).toBe(ORDERS - 2);
    off();

    results.forEach((result, i) => {
      if (i === CONFLICTING) expect(result.status === 'rejected' && result.reason).toBeInstanceOf(VersionConflictError);
      else if (i === INVALID) expect(result.status === 'rejected' && result.reason).toBeInstanceOf(ValidationError);
      else expect(result).toMatchObject({ status: 'fulfilled', value: { order: { status: 'CONFIRMED', version: 2 }, replayed: false } });
    });
    const committed = results.flatMap((result) => (result.status === 'fulfilled' && result.value.event ? [result.value.event.id] : []));
    expect(committed.sort((a, b) => a - b)).toEqual(committed.map((_, i) => head + 1 + i));

    // The log holds exactly those events, and the failed changes left nothing behind.
    const logged = await db.read.orderEvent.findMany({ where: { id: { gt: head } }, orderBy: { id: 'asc' } });
    expect(logged.map((event) => event.id)).toEqual(committed);
    for (const i of [CONFLICTING, INVALID]) {
      expect(await db.read.order.findUniqueOrThrow({ where: { id: placed[i]!.id } })).toMatchObject({ status: 'PENDING', version: 1 });
      expect(await db.read.idempotencyKey.findUnique({ where: { key: `staff-1:g-${i}` } })).toBeNull();
    }
    // The head is the newest event in log order: by id on SQLite, by (transaction, id) on PostgreSQL.
    const newest = (await db.read.orderEvent.findMany({ orderBy: [{ tx: 'desc' }, { id: 'desc' }], take: 1 }))[0]!;
    await expect.poll(() => server.app.services.eventLog.head()).toEqual({ tx: Number(newest.tx), id: newest.id });
    if (provider === 'sqlite') expect(newest.id).toBe(head + committed.length);

    // Every committed event was published; on SQLite they committed together and went out in id order.
    expect(published.map((event) => event.id).sort((a, b) => a - b)).toEqual(committed);
    if (provider === 'sqlite') expect(published.map((event) => event.id)).toEqual(committed);

    // A retry gets the stored outcome back.
    const retried = await orders.advance({ order: { id: placed[0]!.id }, expectedVersion: 1, idempotencyKey: 'g-0' }, MANAGER);
    expect(retried).toMatchObject({ replayed: true, event: { id: results[0]!.status === 'fulfilled' ? results[0]!.value.event!.id : -1 } });
  });
});

describe('the SQLite order store', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ provider: 'sqlite' });
  });
  afterAll(() => server.stop());

  it('commits a batch once: a transaction that throws after writing rolls back only its own writes', async () => {
    const { orders, db, eventLog } = server.app.services;
    const order = (await orders.placeOrder({ customerName: 'Batch', type: 'TAKEOUT', items: [{ menuItemId: 'cola', quantity: 1 }] }, MANAGER)).order;
    const head = (await eventLog.head()).id;
    const steps: string[] = [];
    const append = (name: string, fail: boolean) =>
      db.orders.transaction(
        async (tx) => {
          const id = await tx.nextEventId();
          await tx.insertEvent({ id, orderId: order.id, kind: 'RUSH_CHANGED', fromStatus: null, toStatus: null, actor: name, at: new Date(), payload: { rush: false } });
          steps.push(`work ${name}`);
          if (fail) throw new Error(`${name} fails after writing`);
          return id;
        },
        () => steps.push(`committed ${name}`),
      );
    const results = await Promise.allSettled([append('a', false), append('b', true), append('c', false)]);

    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message))).toEqual([head + 1, 'b fails after writing', head + 2]);
    // Nothing committed before every transaction of the batch had run.
    expect(steps).toEqual(['work a', 'work b', 'work c', 'committed a', 'committed c']);
    const logged = await db.read.orderEvent.findMany({ where: { id: { gt: head } }, orderBy: { id: 'asc' } });
    expect(logged.map((event) => [event.id, event.actor])).toEqual([
      [head + 1, 'a'],
      [head + 2, 'c'],
    ]);
    expect(await eventLog.head()).toEqual({ tx: 0, id: head + 2 });
  });
});
