// A chain's deployment: several server processes on one PostgreSQL, events between them on Redis.
// Any process serves any client; Redis or PostgreSQL going away degrades the service but loses
// nothing, and it recovers by itself.
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TRUSTED_FOR_MS } from '../../server/auth/authenticate.ts';
import { newAdminToken } from '../support/admin-token.ts';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { finished, startCli, waitForOutput } from '../support/cli.ts';
import { createTestDatabase, withPostgres, type TestDatabase } from '../support/databases.ts';
import { ADVANCE, ORDER_EVENTS, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { REDIS_SERVER, startOwnRedis, type OwnRedis } from '../support/redis-server.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';

const POSTGRES = process.env.ORDERLINE_TEST_POSTGRES_URL;
const REDIS = process.env.ORDERLINE_TEST_REDIS_URL;
if (!POSTGRES || !REDIS || !REDIS_SERVER) {
  console.info('skipping the scale-out tests: set ORDERLINE_TEST_POSTGRES_URL, ORDERLINE_TEST_REDIS_URL and ORDERLINE_TEST_REDIS_SERVER');
}

const cleanup = cleanupAfterEach();

async function postgresDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase('postgresql');
  cleanup(() => database.drop());
  return database;
}

async function server(options: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const started = await startServer(options);
  cleanup(() => started.stop());
  return started;
}

/** A server whose PostgreSQL connections go through a proxy the test can cut and restore. */
async function serverBehindProxy() {
  const database = await postgresDatabase();
  const proxy = await startTcpProxy('127.0.0.1', Number(new URL(POSTGRES!).port || 5432));
  cleanup(() => proxy.close());
  const viaProxy = new URL(database.databaseUrl!);
  viaProxy.port = String(proxy.port);
  const app = await server({ database: { ...database, databaseUrl: viaProxy.toString() } });
  return { database, proxy, app };
}

/** A real `orderline serve` process; resolves with its URL once it listens. */
async function serveProcess(database: TestDatabase, env: Record<string, string> = {}) {
  const child = startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', database.dataDir], {
    env: { DATABASE_URL: database.databaseUrl!, LOG_LEVEL: 'warn', ...env },
  });
  cleanup(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await finished(child);
    }
  });
  const [, url] = await waitForOutput(child, /GraphQL\s+(http:\/\/\S+)\/graphql/);
  return { child, url: url! };
}

async function gqlAt(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function query(database: TestDatabase, sql: string): Promise<Record<string, unknown>[]> {
  return withPostgres(database, async (client) => (await client.query(sql)).rows);
}

async function count(database: TestDatabase, sql: string): Promise<number> {
  return Number((await query(database, sql))[0]!.n);
}

/** Every event id in the log's order: by writing transaction, then id. */
async function logOrder(database: TestDatabase): Promise<string[]> {
  return (await query(database, 'SELECT id FROM "OrderEvent" ORDER BY tx, id')).map((row) => String(row.id));
}

describe.skipIf(!POSTGRES || !REDIS || !REDIS_SERVER)('scale-out on PostgreSQL and Redis', { timeout: 90_000 }, () => {
  it('three servers starting at once migrate once, seed once and create one manager token', async () => {
    const database = await postgresDatabase();
    const adminToken = newAdminToken();
    const servers = await Promise.all([1, 2, 3].map(() => serveProcess(database, { ORDERLINE_ADMIN_TOKEN: adminToken, REDIS_URL: REDIS! })));
    for (const { url } of servers) {
      expect((await gqlAt(url, '{ viewer { role } }', {}, adminToken)).data.viewer.role).toBe('MANAGER');
    }
    expect(await count(database, 'SELECT COUNT(*) AS n FROM _orderline_migrations')).toBeGreaterThan(0);
    expect(await count(database, 'SELECT COUNT(*) - COUNT(DISTINCT name) AS n FROM _orderline_migrations')).toBe(0);
    expect(await count(database, 'SELECT COUNT(*) AS n FROM "MenuItem"')).toBe(12);
    expect(await count(database, 'SELECT COUNT(*) AS n FROM "ApiToken"')).toBe(1);
  });

  it('a change made through one process reaches a subscriber of another, in order', async () => {
    const database = await postgresDatabase();
    const adminToken = newAdminToken();
    const [a, b] = await Promise.all([1, 2].map(() => serveProcess(database, { ORDERLINE_ADMIN_TOKEN: adminToken, REDIS_URL: REDIS! })));
    // A third process, in this one, holds the subscriber; every change is made through a or b.
    const listener = await server({ database, redisUrl: REDIS, adminToken });
    const stream = subscribe(listener.ws(adminToken), ORDER_EVENTS, { after: '0' });

    // Orders placed on both processes at once: the database hands out numbers, never memory.
    const placed = await Promise.all(
      Array.from({ length: 10 }, (_, i) => gqlAt(i % 2 ? a!.url : b!.url, PLACE_ORDER, { input: takeoutOrder({ customerName: `Guest ${i}` }) })),
    );
    const numbers = placed.map((r) => r.data.placeOrder.order.number).sort((x: number, y: number) => x - y);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let n = 1; n <= 5; n++) await gqlAt(a!.url, ADVANCE, { number: n }, adminToken);

    const events = await stream.take(15, 10_000);
    const ids = events.map((e) => e.orderEvents.id as string);
    expect(ids.map(Number).sort((x, y) => x - y)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    // In the log's order, which concurrent placements on two processes make their own.
    expect(ids).toEqual(await logOrder(database));
    expect(events.slice(10).map((e) => [e.orderEvents.orderNumber, e.orderEvents.toStatus])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 'CONFIRMED']));

    // One idempotency key sent to both processes at the same moment: one order.
    const twice = await Promise.all([a!.url, b!.url].map((url) => gqlAt(url, PLACE_ORDER, { input: takeoutOrder(), key: 'same-checkout' })));
    expect(new Set(twice.map((r) => r.data.placeOrder.order.number)).size).toBe(1);
    expect(await count(database, 'SELECT COUNT(*) AS n FROM "Order"')).toBe(11);
  }, 60_000);

  it('writers on two servers commit side by side, and every reader on either sees the log in one order, exactly once', async () => {
    const database = await postgresDatabase();
    const adminToken = newAdminToken();
    const [a, b] = [await server({ database, redisUrl: REDIS, adminToken }), await server({ database, redisUrl: REDIS, adminToken })];
    const ORDERS = 8;
    for (let i = 0; i < ORDERS; i++) await (i % 2 ? a : b).gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const readers = [subscribe(a.ws(adminToken), ORDER_EVENTS, { after: '0' }), subscribe(b.ws(adminToken), ORDER_EVENTS, { after: '0' })];

    // Every order taken through three steps at once, each step on the other server than the last:
    // the transactions of different orders overlap, on both servers.
    await Promise.all(
      Array.from({ length: ORDERS }, async (_, i) => {
        for (let step = 0; step < 3; step++) {
          const result = await ((i + step) % 2 ? a : b).gql(ADVANCE, { number: i + 1 }, adminToken);
          expect(result.data.advanceOrder.__typename).toBe('OrderChange');
        }
      }),
    );
    const total = ORDERS * 4;
    const seen = await Promise.all(readers.map(async (reader) => (await reader.take(total, 15_000)).map((e) => e.orderEvents.id as string)));
    const logged = await logOrder(database);
    expect(logged).toHaveLength(total);
    for (const ids of seen) expect(ids).toEqual(logged);
    for (const reader of readers) await expect(reader.next(300)).rejects.toThrow(/no subscription event/);
    // A reader resuming from any cursor gets exactly what follows it.
    const from = 13;
    const resumed = subscribe(b.ws(adminToken), ORDER_EVENTS, { after: logged[from - 1] });
    expect((await resumed.take(total - from, 10_000)).map((e) => e.orderEvents.id)).toEqual(logged.slice(from));
    await expect(resumed.next(500)).rejects.toThrow(/no subscription event/);
  }, 60_000);

  it('Redis going away degrades the service without losing an event, and it catches up when Redis returns', async () => {
    const database = await postgresDatabase();
    const redis: OwnRedis = await startOwnRedis();
    cleanup(() => redis.stop());
    const adminToken = newAdminToken();
    const a = await server({ database, redisUrl: redis.url, adminToken });
    const b = await server({ database, redisUrl: redis.url, adminToken });
    const health = async (s: TestServer) => (await (await fetch(`${s.url}/health`)).json()) as { status: string; pubsub: { state: string } };
    expect((await health(b)).pubsub).toMatchObject({ transport: 'redis', state: 'ok' });

    const stream = subscribe(b.ws(adminToken), ORDER_EVENTS, { after: '0' });
    await a.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    expect((await stream.next()).orderEvents.id).toBe('1');

    await redis.stop();
    await expect.poll(async () => (await health(a)).status, { timeout: 10_000 }).toBe('degraded');
    expect((await health(b)).status).toBe('degraded');
    // Orders and changes keep working, and B's subscriber keeps hearing about them.
    expect((await a.gql(ADVANCE, { number: 1 })).data.advanceOrder.__typename).toBe('OrderChange');
    await a.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    expect((await stream.take(2, 10_000)).map((e) => e.orderEvents.id)).toEqual(['2', '3']);

    await redis.start();
    await expect.poll(async () => (await health(a)).status, { timeout: 15_000 }).toBe('ok');
    await expect.poll(async () => (await health(b)).status, { timeout: 15_000 }).toBe('ok');
    await a.gql(ADVANCE, { number: 2 });
    expect((await stream.next(10_000)).orderEvents).toMatchObject({ id: '4', orderNumber: 2, toStatus: 'CONFIRMED' });
    await expect(stream.next(1_500)).rejects.toThrow(/no subscription event/);
  }, 90_000);

  it('a process started while Redis is away serves, degraded, and goes live through Redis when it comes', async () => {
    const database = await postgresDatabase();
    const redis = await startOwnRedis();
    cleanup(() => redis.stop());
    await redis.stop();
    const adminToken = newAdminToken();
    // It starts after a few seconds of failed attempts to reach Redis (it used to crash on the second).
    const p = await serveProcess(database, { REDIS_URL: redis.url, ORDERLINE_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'info' });
    const health = async () => (await (await fetch(`${p.url}/health`)).json()) as { status: string; pubsub: { state: string } };
    expect(await health()).toMatchObject({ status: 'degraded', pubsub: { transport: 'redis', state: 'degraded' } });
    expect((await gqlAt(p.url, PLACE_ORDER, { input: takeoutOrder() })).data.placeOrder.order.number).toBe(1);

    await redis.start();
    await expect.poll(async () => (await health()).status, { timeout: 15_000 }).toBe('ok');
    const client = createClient({ url: `${p.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${adminToken}` } });
    cleanup(() => client.dispose());
    const stream = subscribe(client, ORDER_EVENTS, { after: '1' });
    // Past the catch-up reads that follow a recovery, p reads the log again only when told to.
    await waitForOutput(p.child, /"msg":"caught up: live events travel through redis"/);
    const other = await server({ database, redisUrl: redis.url, adminToken });
    // The first change proves the subscription is live (it may come from its first read of the
    // log); the second can then only come through Redis.
    await other.gql(ADVANCE, { number: 1 }, adminToken);
    expect((await stream.next(5_000)).orderEvents).toMatchObject({ id: '2', orderNumber: 1, toStatus: 'CONFIRMED' });
    await other.gql(ADVANCE, { number: 1 }, adminToken);
    expect((await stream.next(5_000)).orderEvents).toMatchObject({ id: '3', orderNumber: 1, toStatus: 'PREPARING' });
    expect(p.child.exitCode).toBeNull();
  }, 60_000);

  it('PostgreSQL going away gives a clear error, writes nothing by halves, and recovers when it returns', async () => {
    const { database, proxy, app } = await serverBehindProxy();
    expect((await app.gql(PLACE_ORDER, { input: takeoutOrder() }, null)).data.placeOrder.__typename).toBe('OrderChange');
    // A screen connected before the outage, which will start another operation during it.
    const screen = app.ws(app.managerToken, { lazy: false, onNonLazyError: () => {} });
    await new Promise<void>((resolve) => screen.on('connected', () => resolve()));

    proxy.cut();
    const during = await app.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    expect(during.status).toBe(503);
    expect(during.errors?.[0]).toMatchObject({ extensions: { code: 'DATABASE_UNAVAILABLE' } });
    expect(during.errors?.[0]?.message).toMatch(/the database is not answering; try again/);
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'down', database: { state: 'down' } });
    // A token looked up lately is taken on trust for a while; past that it is looked up again,
    // which the database cannot answer.
    await new Promise((resolve) => setTimeout(resolve, TRUSTED_FOR_MS + 100));
    // A screen connecting now is told to try again later (1013), not that its token is refused
    // (4403), which would end it.
    const refused = new Promise<{ code: number }>((resolve) => {
      app.ws(app.managerToken, { lazy: false, onNonLazyError: () => {}, on: { closed: (event) => resolve(event as { code: number }) } });
    });
    expect(await refused).toMatchObject({ code: 1013 });
    // On an open connection, a new operation whose token cannot be checked gets a retryable error
    // of its own, and the connection stays (not a 4500 that drops the screen's other operations).
    const failed = await new Promise<unknown>((resolve) => {
      screen.subscribe({ query: 'subscription { staffNotifications { kind } }' }, { next: () => {}, error: resolve, complete: () => resolve('completed') });
    });
    expect(failed).toMatchObject([{ message: 'the database is not answering; try again in a moment', extensions: { code: 'DATABASE_UNAVAILABLE' } }]);

    proxy.restore();
    await expect.poll(async () => (await fetch(`${app.url}/health`)).status, { timeout: 10_000 }).toBe(200);
    expect((await app.gql(PLACE_ORDER, { input: takeoutOrder() }, null)).data.placeOrder.order.number).toBe(2);
    // Every order has exactly its PLACED event: nothing half-written by the outage.
    expect(await count(database, 'SELECT COUNT(*) AS n FROM "Order"')).toBe(2);
    expect(await count(database, `SELECT COUNT(*) AS n FROM "OrderEvent" WHERE kind = 'PLACED'`)).toBe(2);
    expect(await count(database, `SELECT COUNT(*) AS n FROM "Order" o WHERE NOT EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id)`)).toBe(0);
  }, 60_000);

  it('a connection cut while a write holds it fails that write alone; the server goes on', async () => {
    const { proxy, app } = await serverBehindProxy();
    // Cut between two statements, while the transaction holds its connection and no query runs:
    // node-postgres then reports the cut as an 'error' event on the connection, which nothing but
    // the store listens to (an uncaught exception would end the test run).
    const write = app.app.services.db.orders.transaction(async (tx) => {
      await tx.findKey('before the cut');
      proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return tx.findKey('after the cut');
    });
    await expect(write).rejects.toThrow();
    proxy.restore();
    await expect.poll(async () => (await app.gql(PLACE_ORDER, { input: takeoutOrder() }, null)).data?.placeOrder?.__typename, { timeout: 10_000 }).toBe('OrderChange');
  }, 60_000);
});
