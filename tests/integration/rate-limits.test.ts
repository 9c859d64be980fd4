// One visitor cannot flood the restaurant: anonymous orders, wrong tokens and a staff token's
// changes are each limited per minute, answered 429 with Retry-After and a RATE_LIMITED error a
// person can read; with Redis, every server of a chain counts together.
import { describe, expect, it } from 'vitest';
import { Api, ConnectionLost } from '../../cli/api/client.ts';
import { OrderEvents as ORDER_EVENTS_DOCUMENT } from '../../cli/api/operations.ts';
import { EXIT } from '../../cli/errors.ts';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { createTestDatabase } from '../support/databases.ts';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { REDIS_SERVER, startOwnRedis } from '../support/redis-server.ts';
import { startServer, type StartOptions, type TestServer } from '../support/server.ts';

const POSTGRES = process.env.ORDERLINE_TEST_POSTGRES_URL;
const REDIS = process.env.ORDERLINE_TEST_REDIS_URL;

const cleanup = cleanupAfterEach();

async function server(options: StartOptions = {}): Promise<TestServer> {
  const started = await startServer(options);
  cleanup(() => started.stop());
  return started;
}

/** A GraphQL POST whose status and headers the test reads too. */
async function post(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), ...body };
}

const placeAnonymously = (url: string) => post(url, PLACE_ORDER, { input: takeoutOrder() });

function expectRateLimited(answer: Awaited<ReturnType<typeof post>>, message: RegExp) {
  expect(answer.status).toBe(429);
  const error = answer.errors?.[0];
  expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  const seconds = error!.extensions!.retryAfterSeconds as number;
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(60);
  expect(answer.retryAfter).toBe(String(seconds));
  expect(error!.message).toMatch(message);
  expect(error!.message).toContain(`try again in ${seconds} s`);
}

describe('rate limits', { timeout: 60_000 }, () => {
  it('the 31st anonymous order in a minute from one network waits, while staff still place orders', async () => {
    const { url, managerToken } = await server();
    for (let placed = 1; placed <= 30; placed++) {
      const answer = await placeAnonymously(url);
      expect(answer.data?.placeOrder.__typename, `order ${placed}`).toBe('OrderChange');
    }
    expectRateLimited(await placeAnonymously(url), /^too many orders from this network; /);

    const staff = await post(url, PLACE_ORDER, { input: takeoutOrder() }, managerToken);
    expect(staff.data?.placeOrder.__typename).toBe('OrderChange');
    // Reading is not limited: the customer can still follow the orders already placed.
    expect((await post(url, '{ menu { id } }', {})).status).toBe(200);
  });

  it('two orders in one request count as two', async () => {
    const { url } = await server({ settings: { limits: 'orders-per-minute=3' } });
    const twice = `mutation($input: PlaceOrderInput!) { a: placeOrder(input: $input) { __typename } b: placeOrder(input: $input) { __typename } }`;
    expect((await post(url, twice, { input: takeoutOrder() })).data).toEqual({ a: { __typename: 'OrderChange' }, b: { __typename: 'OrderChange' } });
    expectRateLimited(await post(url, twice, { input: takeoutOrder() }), /too many orders/);
  });

  it('after 20 wrong tokens, the 21st is refused with 429, and so is every token not lately accepted, until the minute is up', async () => {
    const limited = await server();
    const { url, managerToken } = limited;
    // Made (with the manager token, now lately accepted) but never used: unknown to the lockout.
    const unused = await limited.token('KITCHEN', 'Fry screen');
    for (let attempt = 1; attempt <= 20; attempt++) {
      const answer = await post(url, '{ viewer { role } }', {}, `wrong-token-${attempt}-0123456789abcdef`);
      expect(answer.status, `attempt ${attempt}`).toBe(401);
    }
    expectRateLimited(await post(url, '{ viewer { role } }', {}, 'wrong-token-21-0123456789abcdef'), /^too many refused tokens from this network; check ORDERLINE_TOKEN, then try again in/);
    // A right guess is not confirmed: the address must wait with any token not lately accepted.
    expectRateLimited(await post(url, '{ viewer { role } }', {}, unused), /too many refused tokens/);
    // A screen on the same network, its token accepted before, is not locked out by the guesser.
    expect(await post(url, '{ viewer { role } }', {}, managerToken)).toMatchObject({ status: 200 });
    // Customers (no token) from there are not locked out of their orders.
    expect((await post(url, '{ menu { id } }', {})).status).toBe(200);
  });

  it('wrong tokens on graphql-ws count too, and a limited connection is refused with the reason', async () => {
    const limited = await server({ settings: { limits: 'failed-logins-per-minute=2' } });
    const { url } = limited;
    for (let attempt = 1; attempt <= 2; attempt++) expect((await post(url, '{ viewer { role } }', {}, `wrong-${attempt}-0123456789abcdef`)).status).toBe(401);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      limited.ws('wrong-3-0123456789abcdef', { lazy: false, onNonLazyError: () => {}, on: { closed: (event) => resolve(event as { code: number; reason: string }) } });
    });
    // 4429, not 4403: the token may be fine, the address must wait, and clients retry.
    expect(await closed).toMatchObject({ code: 4429, reason: expect.stringMatching(/too many refused tokens/) });

    // The CLI's client takes it as a lost connection to try again, not as a bad token to stop on.
    const api = new Api({ server: url, token: limited.managerToken, attempts: 1 });
    const following = api.subscribe(ORDER_EVENTS_DOCUMENT, {}).next();
    await expect(following).rejects.toBeInstanceOf(ConnectionLost);
    await expect(following).rejects.toMatchObject({ exitCode: EXIT.failure, message: expect.stringMatching(/asks this address to wait: too many refused tokens/) });
    await api.close();
  });

  it('a staff token over its changes per minute is answered 429, over HTTP and graphql-ws alike, and aliases count one each', async () => {
    const limited = await server({ settings: { limits: 'mutations-per-minute=5' } });
    const { url, managerToken } = limited;
    const kitchen = await limited.token('KITCHEN'); // the manager's first change
    const twice = `mutation($input: PlaceOrderInput!) { a: placeOrder(input: $input) { __typename } b: placeOrder(input: $input) { __typename } }`;
    expect((await post(url, twice, { input: takeoutOrder() }, managerToken)).status).toBe(200);
    for (let change = 4; change <= 5; change++) {
      expect((await post(url, PLACE_ORDER, { input: takeoutOrder() }, managerToken)).data?.placeOrder.__typename, `change ${change}`).toBe('OrderChange');
    }
    expectRateLimited(await post(url, PLACE_ORDER, { input: takeoutOrder() }, managerToken), /^too many changes with this token; /);

    const overWs = await new Promise<readonly { message: string; extensions?: Record<string, unknown> }[]>((resolve, reject) => {
      limited.ws(managerToken).subscribe({ query: PLACE_ORDER, variables: { input: takeoutOrder() } }, { next: (result) => resolve(result.errors ?? []), error: reject, complete: () => {} });
    });
    expect(overWs[0]?.extensions?.code).toBe('RATE_LIMITED');

    // Another token has its own allowance, and reading stays open to the limited one.
    expect((await post(url, PLACE_ORDER, { input: takeoutOrder() }, kitchen)).data?.placeOrder.__typename).toBe('OrderChange');
    expect((await post(url, '{ viewer { role } }', {}, managerToken)).data?.viewer.role).toBe('MANAGER');
  });

  it.skipIf(!POSTGRES || !REDIS)('servers sharing a database and a Redis share one count', async () => {
    const database = await createTestDatabase('postgresql');
    cleanup(() => database.drop());
    const settings = { limits: 'orders-per-minute=3' };
    const first = await server({ database, redisUrl: REDIS, settings });
    const second = await server({ database, redisUrl: REDIS, settings });
    expect((await placeAnonymously(first.url)).data?.placeOrder.__typename).toBe('OrderChange');
    expect((await placeAnonymously(second.url)).data?.placeOrder.__typename).toBe('OrderChange');
    expect((await placeAnonymously(first.url)).data?.placeOrder.__typename).toBe('OrderChange');
    expectRateLimited(await placeAnonymously(second.url), /too many orders/);
  });

  it.skipIf(!REDIS_SERVER)('while Redis is down, each server counts in memory and orders are still taken', async () => {
    const redis = await startOwnRedis();
    cleanup(() => redis.stop());
    const { url } = await server({ redisUrl: redis.url, settings: { limits: 'orders-per-minute=2' } });
    await redis.stop();
    expect((await placeAnonymously(url)).data?.placeOrder.__typename).toBe('OrderChange');
    expect((await placeAnonymously(url)).data?.placeOrder.__typename).toBe('OrderChange');
    expectRateLimited(await placeAnonymously(url), /too many orders/);
    await redis.start(); // the event bus's own reconnection is another test's story
  });
});
