// A revoked token loses its live connections, not only its next request: a kitchen screen whose
// token a manager revokes stops receiving orders at once, says why, and does not retry with a
// dead token; on a chain, a process other than the one that revoked it ends it within seconds.
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { finished, startCli, stopCli, waitForOutput } from '../support/cli.ts';
import { createTestDatabase } from '../support/databases.ts';
import { ORDER_EVENTS, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { REDIS_SERVER } from '../support/redis-server.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe, type LiveSubscription } from '../support/subscription.ts';

const cleanup = cleanupAfterEach();
/** Longer than any test: only the revoking process's own announcement can end a connection. */
const NEVER_RECHECK_MS = 3_600_000;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { ... on ApiToken { revokedAt } } }`;

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const started = await startServer(options);
  cleanup(() => started.stop());
  return started;
}

/** How the subscription ended, or that it had not within `ms` (bounds a test that would hang). */
function endOf(live: LiveSubscription<unknown>, ms: number): Promise<unknown> {
  return Promise.race([live.ended, new Promise((resolve) => setTimeout(() => resolve(`still open after ${ms} ms`), ms))]);
}

async function tokenIdOf(s: TestServer, secret: string): Promise<string> {
  return (await s.gql(`{ viewer { tokenId } }`, {}, secret)).data.viewer.tokenId;
}

describe('revoking a token', { timeout: 60_000 }, () => {
  it('ends its live subscriptions at once with 4403, while other tokens’ go on', async () => {
    const s = await server({ revocationCheckMs: NEVER_RECHECK_MS });
    await s.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const kitchen = await s.token('KITCHEN', 'Grill screen');
    const kitchenEvents = subscribe(s.ws(kitchen), ORDER_EVENTS, { after: '0' });
    const managerEvents = subscribe(s.ws(), ORDER_EVENTS, { after: '0' });
    await kitchenEvents.next();
    await managerEvents.next();

    const revoked = await s.gql(REVOKE, { id: await tokenIdOf(s, kitchen) });
    expect(revoked.data.revokeApiToken.revokedAt).toBeTruthy();
    expect(await endOf(kitchenEvents, 10_000)).toMatchObject({ code: 4403, reason: 'Forbidden: token revoked' });

    await s.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    expect((await managerEvents.next()).orderEvents.orderNumber).toBe(2);
  });

  it('orders watch with the revoked token says so and exits 4 instead of retrying', async () => {
    const s = await server({ revocationCheckMs: NEVER_RECHECK_MS });
    const kitchen = await s.token('KITCHEN', 'Pass screen');
    const watch = startCli(['orders', 'watch'], { env: { ORDERLINE_SERVER: s.url, ORDERLINE_TOKEN: kitchen } });
    cleanup(() => stopCli(watch));
    await waitForOutput(watch, /following order events after cursor \d+/);
    await s.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    await waitForOutput(watch, /\[cursor 1\]/);

    await s.gql(REVOKE, { id: await tokenIdOf(s, kitchen) });
    const run = await finished(watch);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('Forbidden: token revoked');
  });
});

const POSTGRES = process.env.ORDERLINE_TEST_POSTGRES_URL;
const REDIS = process.env.ORDERLINE_TEST_REDIS_URL;

describe.skipIf(!POSTGRES || !REDIS || !REDIS_SERVER)('revoking a token on a chain (PostgreSQL and Redis)', { timeout: 60_000 }, () => {
  it('ends its subscriptions on another server process sharing the database within seconds, and its requests there within a second', async () => {
    const database = await createTestDatabase('postgresql');
    cleanup(() => database.drop());
    const a = await server({ database, redisUrl: REDIS });
    const b = await server({ database, redisUrl: REDIS, adminToken: a.managerToken });
    await a.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const kitchen = await a.token('KITCHEN', 'Fry screen');
    const onB = subscribe(b.ws(kitchen), ORDER_EVENTS, { after: '0' });
    await onB.next();

    const onBOverHttp = async () => ((await b.gql('{ __typename }', {}, kitchen)) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code ?? 'accepted';
    expect(await onBOverHttp()).toBe('accepted'); // B has just looked it up, and trusts it a second

    await a.gql(REVOKE, { id: await tokenIdOf(a, kitchen) });
    const revokedAt = Date.now();
    await expect.poll(onBOverHttp, { timeout: 5_000, interval: 50 }).toBe('UNAUTHENTICATED');
    expect(Date.now() - revokedAt).toBeLessThan(1_500);
    expect(await endOf(onB, 15_000)).toMatchObject({ code: 4403, reason: 'Forbidden: token revoked' });
  });
});
