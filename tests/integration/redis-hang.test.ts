// A Redis that hangs (frozen, wedged, a network that drops packets) keeps its connections open,
// so nothing closes and nothing errs: messages just stop. It must be noticed within seconds, said
// in /health and the log, and bridged through the event log, with nothing lost or doubled after.
import { describe, expect, it } from 'vitest';
import { newAdminToken } from '../support/admin-token.ts';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { createTestDatabase } from '../support/databases.ts';
import { recordingLogger } from '../support/recording-logger.ts';
import { ADVANCE, ORDER_EVENTS, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { REDIS_SERVER, startOwnRedis } from '../support/redis-server.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe, type LiveSubscription } from '../support/subscription.ts';

// Two servers on one database need PostgreSQL: an embedded database takes one server only.
const POSTGRES = process.env.ORDERLINE_TEST_POSTGRES_URL;
if (!POSTGRES || !REDIS_SERVER) console.info('skipping the hung-Redis test: set ORDERLINE_TEST_POSTGRES_URL and ORDERLINE_TEST_REDIS_SERVER');

const cleanup = cleanupAfterEach();
const adminToken = newAdminToken();

type Health = { status: string; pubsub: { state: string; detail?: string } };
const health = async (server: TestServer) => (await (await fetch(`${server.url}/health`)).json()) as Health;
const ids = async (stream: LiveSubscription<any>, count: number) => (await stream.take(count, 10_000)).map((e) => e.orderEvents.id);

describe.skipIf(!POSTGRES || !REDIS_SERVER)('a hung Redis', { timeout: 90_000 }, () => {
  it('is noticed within seconds, bridged through the event log, and after it thaws every subscriber saw every event exactly once, in order', async () => {
    const database = await createTestDatabase('postgresql');
    cleanup(() => database.drop());
    const redis = await startOwnRedis();
    cleanup(() => redis.stop());
    const logs = [recordingLogger(), recordingLogger()];
    const [a, b] = await Promise.all(logs.map(async ({ logger }) => {
      const server = await startServer({ database, redisUrl: redis.url, adminToken, logger });
      cleanup(() => server.stop());
      return server;
    }));
    expect((await health(a!)).status).toBe('ok');
    const streams = [subscribe(a!.ws(adminToken), ORDER_EVENTS, { after: '0' }), subscribe(b!.ws(adminToken), ORDER_EVENTS, { after: '0' })];
    await a!.gql(PLACE_ORDER, { input: takeoutOrder() });
    for (const stream of streams) expect(await ids(stream, 1)).toEqual(['1']);

    redis.freeze();
    cleanup(() => redis.thaw()); // so that stopping the servers is not stuck on it
    for (const server of [a!, b!]) {
      await expect.poll(() => health(server), { timeout: 10_000 }).toMatchObject({
        status: 'degraded',
        pubsub: { state: 'degraded', detail: 'redis has not answered a PING for 2 s' },
      });
    }
    // A change made on one process reaches the other's subscriber all the same, through the log.
    expect((await a!.gql(ADVANCE, { number: 1 })).data.advanceOrder.__typename).toBe('OrderChange');
    await b!.gql(PLACE_ORDER, { input: takeoutOrder() });
    for (const stream of streams) expect(await ids(stream, 2)).toEqual(['2', '3']);

    redis.thaw();
    for (const server of [a!, b!]) await expect.poll(async () => (await health(server)).status, { timeout: 15_000 }).toBe('ok');
    await a!.gql(ADVANCE, { number: 2 });
    for (const stream of streams) {
      expect(await ids(stream, 1)).toEqual(['4']);
      // The messages Redis held while frozen arrive late, and are not delivered a second time.
      await expect(stream.next(2_000)).rejects.toThrow(/no subscription event/);
    }
    for (const { said } of logs) {
      expect(said('redis is not answering: live events now come from polling the event log')).toHaveLength(1);
      expect(said('redis answers again: catching up with the event log')).toHaveLength(1);
    }
  });
});
