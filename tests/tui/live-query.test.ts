// What the kitchen and queue screens show, kept exact against a real server: a snapshot, then a
// reload for each event, through a server restart and a hung server, and an end with the reason
// when the token is refused. The screens' own client (cli/api) talks real HTTP and graphql-ws here.
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import { Api, type ApiOptions } from '../../cli/api/client.ts';
import { OpenOrders } from '../../cli/api/operations.ts';
import { EXIT } from '../../cli/errors.ts';
import { LiveQuery, type ApplyOrder, type LiveState } from '../../cli/tui/live-query.ts';
import { withOrder } from '../../cli/tui/tickets.ts';
import { newAdminToken } from '../support/admin-token.ts';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { createTestDatabase } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { startServeProcess } from '../support/serve-process.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { advance, cancel, placeOrder } from '../cli/support/orderline.ts';

const defer = cleanupAfterEach();

/** The open orders' numbers and statuses, as a screen would load them. */
const openOrders = async (api: Api) =>
  (await api.query(OpenOrders, { filter: { statuses: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY'] } })).orders.edges.map(({ node }) => `${node.number} ${node.status}`);

/** The screens' client, noting every subscription result it hands on. */
class WatchedApi extends Api {
  readonly results: unknown[] = [];

  override async *subscribe<D, V extends AnyVariables>(document: TypedDocumentNode<D, V>, variables: V, signal?: AbortSignal): AsyncGenerator<D> {
    for await (const result of super.subscribe(document, variables, signal)) {
      this.results.push(result);
      yield result;
    }
  }
}

function follow<T = string[]>(
  server: Pick<TestServer, 'url'>,
  token: string,
  load: (api: Api) => Promise<T> = openOrders as never,
  options: Partial<ApiOptions> = {},
  apply?: ApplyOrder<T>,
) {
  const api = new WatchedApi({ server: server.url, token, attempts: 1, ...options });
  const live = new LiveQuery(api, load, {}, apply);
  const stop = new AbortController();
  const running = live.run(stop.signal);
  defer(async () => {
    stop.abort();
    await running.catch(() => undefined);
    await api.close();
  });
  /** Resolves once the state passes `check`. */
  const until = (check: (state: LiveState<T>) => boolean) => vi.waitFor(() => expect(check(live.getSnapshot())).toBe(true), { timeout: 10_000 });
  /** The cursors of the events the screen received, in order. */
  const cursors = () => api.results.map((result) => (result as { orderEvents: { cursor: string } }).orderEvents.cursor);
  return { api, live, running, stop, until, cursors };
}

describe('the live data of a screen', () => {
  it('loads, then follows every change, and is live', async () => {
    const server = await startServer();
    defer(() => server.stop());
    const a = await placeOrder(server);
    const { live, until } = follow(server, server.managerToken);
    await until((state) => state.connection === 'live' && state.data?.join() === `${a} PENDING`);
    const b = await placeOrder(server);
    await advance(server, a);
    await until((state) => state.data?.join() === `${a} CONFIRMED,${b} PENDING`);
    await cancel(server, b);
    await until((state) => state.data?.join() === `${a} CONFIRMED`);
    expect(live.getSnapshot().problem).toBeNull();
  });

  it('says it is reconnecting while the server is away, and is exact again once it is back', async () => {
    const database = await createTestDatabase('sqlite');
    defer(() => database.drop());
    const adminToken = newAdminToken();
    const first = await startServer({ database, adminToken });
    const a = await placeOrder(first);
    const { live, until } = follow(first, adminToken);
    await until((state) => state.connection === 'live' && state.data?.join() === `${a} PENDING`);

    const stoppedAt = Date.now();
    // Watched while the server stops: a stop lets idle keep-alive connections linger for a
    // moment (drain.ts), and by its end the screen has already tried again.
    const stopped = first.stop();
    await until((state) => state.connection === 'reconnecting');
    // What it knew stays on screen, marked stale, with when it stopped being live and the next try.
    expect(live.getSnapshot()).toMatchObject({ data: [`${a} PENDING`], stale: true, retry: { attempt: 1 }, problem: expect.stringMatching(/lost the live connection/) });
    expect(live.getSnapshot().since).toBeGreaterThanOrEqual(stoppedAt);
    await stopped;
    // The server closed the connection in good order; the next try is refused: now it is away.
    await until((state) => state.connection === 'offline');
    expect(live.getSnapshot()).toMatchObject({ stale: true, retry: { attempt: 2 }, problem: expect.stringMatching(/ECONNREFUSED/) });

    const second = await startServer({ database, adminToken, port: first.port });
    defer(() => second.stop());
    const b = await placeOrder(second);
    await advance(second, a);
    await until((state) => state.connection === 'live' && state.data?.join() === `${a} CONFIRMED,${b} PENDING`);
    expect(live.getSnapshot()).toMatchObject({ stale: false, since: null, retry: null, problem: null });
  });

  it('ends with the reason, as an authentication failure, when the token is refused', async () => {
    const server = await startServer();
    defer(() => server.stop());
    const { running } = follow(server, 'olt_not-a-token-this-server-knows');
    await expect(running).rejects.toMatchObject({ exitCode: EXIT.auth });
  });

  it('events that arrive during a load are coalesced into one more load, which sees the last change', async () => {
    const server = await startServer();
    defer(() => server.stop());
    let loads = 0;
    let gate = Promise.resolve();
    const { until } = follow(server, server.managerToken, async (api) => {
      loads++;
      await gate; // holds a load open while the orders below are placed
      return openOrders(api);
    });
    await until((state) => state.connection === 'live' && state.data !== null);
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    const before = loads;
    const first = await placeOrder(server);
    await vi.waitFor(() => expect(loads).toBe(before + 1)); // its event started a load, now held
    const rest = await Promise.all(Array.from({ length: 11 }, () => placeOrder(server)));
    open();
    const numbers = [first, ...rest].sort((a, b) => a - b);
    await until((state) => state.data?.join() === numbers.map((number) => `${number} PENDING`).join());
    // The held load, one for the events that came while it was held, and at most one for any
    // that were still on their way when it was let go: never one per event.
    expect(loads - before).toBeLessThanOrEqual(3);
  });

  it('starts with the server away: says it is offline, then loads once the server is up', async () => {
    const database = await createTestDatabase('sqlite');
    defer(() => database.drop());
    const adminToken = newAdminToken();
    const port = await freePort();
    const { live, until } = follow({ url: `http://127.0.0.1:${port}` }, adminToken);
    await until((state) => state.problem !== null);
    // Nothing to show, so nothing stale.
    expect(live.getSnapshot()).toMatchObject({ connection: 'offline', data: null, stale: false, retry: { attempt: 1 }, problem: expect.stringMatching(/could not reach/) });

    const server = await startServer({ database, adminToken, port });
    defer(() => server.stop());
    const number = await placeOrder(server);
    await until((state) => state.connection === 'live' && state.data?.join() === `${number} PENDING`);
  });

  it('ends with the reason when its token is revoked while it runs', async () => {
    const server = await startServer();
    defer(() => server.stop());
    const secret = await server.token('KITCHEN', 'Grill screen');
    const { running, until } = follow(server, secret);
    await until((state) => state.connection === 'live' && state.data !== null);
    const { data } = await server.gql(`{ apiTokens { id name } }`);
    const id = data.apiTokens.find((token: { name: string }) => token.name === 'Grill screen').id;
    await server.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { __typename } }`, { id });
    await placeOrder(server); // an event: the screen loads again, and is refused
    await expect(running).rejects.toMatchObject({ exitCode: EXIT.auth });
  });
});

describe('the live data of a screen, when its server hangs', () => {
  // Short, so the test is quick; the tmux test of the kitchen screen holds the default to its bound.
  const heartbeat = { everyMs: 500, timeoutMs: 1_000 };
  /** Timers late on a loaded machine; still far below anything a cook would call "noticed". */
  const SLACK_MS = 1_500;

  it('says it is offline within a heartbeat and keeps the tickets, marked stale; once the server goes on, it is live and exact, no event twice', async () => {
    const server = await startServeProcess();
    defer(() => server.stop());
    const a = await server.placeOrder();
    const { live, until, cursors } = follow(server, server.managerToken, openOrders, { heartbeat });
    await until((state) => state.connection === 'live' && state.data?.join() === `${a} PENDING`);

    const hungAt = Date.now();
    server.hang();
    await until((state) => state.connection === 'offline');
    expect(Date.now() - hungAt).toBeLessThan(heartbeat.everyMs + heartbeat.timeoutMs + SLACK_MS);
    expect(live.getSnapshot()).toMatchObject({ data: [`${a} PENDING`], stale: true, retry: { attempt: 1 }, problem: expect.stringMatching(/stopped answering/) });
    expect(live.getSnapshot().since).toBeGreaterThanOrEqual(hungAt);
    // Tries again while it hangs, and each try gives up in time (the server accepts TCP but never
    // answers the handshake): still offline, never live.
    await until((state) => state.retry !== null && state.retry.attempt >= 3);
    expect(live.getSnapshot()).toMatchObject({ connection: 'offline', stale: true, problem: expect.stringMatching(/handshake has timed out/) });

    server.resume();
    // Placed while the screen is most likely still waiting for its next try: it has to catch up
    // from its cursor. One placed once it is live again comes the usual way.
    const b = await server.placeOrder();
    await until((state) => state.connection === 'live' && state.data?.join() === `${a} PENDING,${b} PENDING`);
    const c = await server.placeOrder();
    await until((state) => state.data?.join() === `${a} PENDING,${b} PENDING,${c} PENDING`);
    expect(live.getSnapshot()).toMatchObject({ stale: false, since: null, retry: null, problem: null, lastEventAt: expect.any(Number) });
    // Two events since the screen took its cursor (b and c placed), each received exactly once.
    const received = cursors();
    expect(received).toHaveLength(2);
    expect(Number(received[1])).toBeGreaterThan(Number(received[0]));
  });

  it('stops cleanly while the server hangs, a connection attempt under way (a cook quitting)', async () => {
    const server = await startServeProcess();
    defer(() => server.stop());
    const { api, running, stop, until } = follow(server, server.managerToken, openOrders, { heartbeat });
    await until((state) => state.connection === 'live');
    server.hang();
    await until((state) => state.connection === 'offline');
    await until((state) => state.retry !== null && state.retry.at < Date.now()); // trying again now
    stop.abort();
    await expect(running).resolves.toBeUndefined();
    // What is left to close is a handshake the server will never answer: done once it times out.
    const closing = Date.now();
    await expect(api.close()).resolves.toBeUndefined();
    expect(Date.now() - closing).toBeLessThan(heartbeat.timeoutMs + SLACK_MS);
  });
});

describe('a screen that applies events', () => {
  it('folds each event’s order into what it shows, without loading everything again', async () => {
    const server = await startServer();
    defer(() => server.stop());
    const a = await placeOrder(server);
    let loads = 0;
    const open = new Set(['PENDING', 'CONFIRMED', 'PREPARING', 'READY']);
    const load = async (client: Api) => {
      loads++;
      return (await client.query(OpenOrders, { filter: { statuses: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY'] } })).orders.edges.map(({ node }) => node);
    };
    const { live } = follow(server, server.managerToken, load, {}, (orders, order) => withOrder(orders, order, (o) => open.has(o.status)));
    const shown = () => live.getSnapshot().data?.map((order) => `${order.number} ${order.status}`).sort().join();
    await vi.waitFor(() => expect(shown()).toBe(`${a} PENDING`), { timeout: 10_000 });
    await vi.waitFor(() => expect(live.getSnapshot().connection).toBe('live'));
    const loaded = loads;
    const b = await placeOrder(server);
    await advance(server, a);
    await vi.waitFor(() => expect(shown()).toBe(`${a} CONFIRMED,${b} PENDING`), { timeout: 10_000 });
    await cancel(server, b);
    await vi.waitFor(() => expect(shown()).toBe(`${a} CONFIRMED`), { timeout: 10_000 });
    expect(loads).toBe(loaded);
  });
});
