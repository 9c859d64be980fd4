// Running Orderline: first start, health, keep-alive, logs, masking, and a clean stop.
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { createClient } from 'graphql-ws';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { SQLITE_FILE_NAME } from '../../server/db/target.ts';
import { SOCKETS_PER_TURN } from '../../server/event-loop.ts';
import { newAdminToken } from '../support/admin-token.ts';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { finished, startCli, waitForOutput } from '../support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { ORDER_EVENTS, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';
import { perTurn, turnCounter } from '../support/turns.ts';

const cleanup = cleanupAfterEach();

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase('sqlite');
  cleanup(() => db.drop());
  return db;
}

function serve(dataDir: string, env: Record<string, string> = {}) {
  const child = startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], { env: { LOG_LEVEL: 'info', ...env } });
  cleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await finished(child);
    }
  });
  return child;
}

async function urlOf(child: ReturnType<typeof serve>): Promise<string> {
  return (await waitForOutput(child, /GraphQL\s+(http:\/\/\S+)\/graphql/))[1]!;
}

// Each test starts the real binary (a second or two, more on a loaded machine): a generous timeout.
describe('orderline serve', { timeout: 60_000 }, () => {
  it('a first start prints its URLs and a manager token once, saved owner-only for the local CLI', async () => {
    const { dataDir } = await database();
    const first = serve(dataDir);
    const url = await urlOf(first);
    const [, secret] = await waitForOutput(first, /Manager token: (olt_\S+)\s+\(shown once\)/);
    const file = join(dataDir, 'manager-token');
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const viewer = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(await viewer.json()).toEqual({ data: { viewer: { role: 'MANAGER' } } });
    first.kill('SIGTERM');
    expect((await finished(first)).code).toBe(0);

    const second = serve(dataDir);
    await urlOf(second);
    // The URLs and a token are printed in one write; the log line comes when pino gets to it.
    expect(second.output.stdout).not.toContain('Manager token');
    await waitForOutput(second, /"msg":"database up to date"/);
  });

  it('ORDERLINE_ADMIN_TOKEN becomes the first manager token and is not echoed', async () => {
    const { dataDir } = await database();
    const adminToken = newAdminToken();
    const child = serve(dataDir, { ORDERLINE_ADMIN_TOKEN: adminToken });
    const url = await urlOf(child);
    expect(child.output.stdout).toContain('Manager token: the one in ORDERLINE_ADMIN_TOKEN');
    const stats = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: '{ stats { open } }' }),
    });
    expect(await stats.json()).toEqual({ data: { stats: { open: 0 } } });
    // Not in anything it printed or logged from start to stop.
    child.kill('SIGTERM');
    const run = await finished(child);
    expect(run.stdout + run.stderr).toContain('"msg":"stopped"');
    expect(run.stdout + run.stderr).not.toContain(adminToken);
  });

  it('a made-up ORDERLINE_ADMIN_TOKEN is refused at start, saying how to make one', async () => {
    const { dataDir } = await database();
    const run = await finished(serve(dataDir, { ORDERLINE_ADMIN_TOKEN: 'chain-deploy-token-0123456789abcdef' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/orderline: ORDERLINE_ADMIN_TOKEN is too easy to guess: 35 characters with about \d+ bits of randomness, where at least 32 characters and 128 bits are needed/);
    expect(run.stderr).toContain('\nMake one with: openssl rand -base64 32\n');
  });

  it('invalid settings are refused with the setting’s name', async () => {
    const { dataDir } = await database();
    const run = await finished(serve(dataDir, { ORDERLINE_TIME_ZONE: 'Mars/Olympus' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--time-zone / ORDERLINE_TIME_ZONE: must be an IANA time zone such as Europe/Paris (got "Mars/Olympus")');
  });

  it('LOG_LEVEL controls the structured JSON logs', async () => {
    const { dataDir } = await database();
    const quiet = serve(dataDir, { LOG_LEVEL: 'warn' });
    await urlOf(quiet);
    quiet.kill('SIGTERM');
    // Everything it would have logged (starting, stopping) is written by the time it has exited.
    expect((await finished(quiet)).stdout).not.toContain('"level":30');
    const chatty = serve(dataDir, { LOG_LEVEL: 'debug' });
    await urlOf(chatty);
    // pino writes asynchronously: wait for the line rather than read what has come so far.
    const [line] = await waitForOutput(chatty, /^\{.*"database up to date".*\}$/m);
    expect(JSON.parse(line)).toMatchObject({ level: 30, service: 'orderline', database: expect.stringContaining('SQLite') });
  });

  it('SIGTERM stops accepting, ends live subscriptions with "going away", and leaves the database whole', async () => {
    const { dataDir } = await database();
    const child = serve(dataDir);
    const url = await urlOf(child);
    const token = readFileSync(join(dataDir, 'manager-token'), 'utf8').trim();
    const client = createClient({
      url: url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    cleanup(async () => client.dispose());
    const live = subscribe(client, ORDER_EVENTS, { after: '0' });
    const place = () =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: PLACE_ORDER, variables: { input: takeoutOrder() } }),
      }).then((r) => r.json());
    await place();
    await live.next();

    // Orders keep arriving while the server is told to stop: each is either fully in or refused.
    const during = Array.from({ length: 10 }, () => place().catch(() => 'refused'));
    child.kill('SIGTERM');
    const ended = (await live.ended) as { code: number };
    const exit = await finished(child);
    expect(exit.code).toBe(0);
    expect(ended.code).toBe(1001);
    expect(child.output.stdout).toContain('"msg":"stopped"');

    const accepted = (await Promise.all(during)).filter((r) => r !== 'refused' && (r as { data?: unknown }).data).length;
    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const orders = (db.prepare('SELECT COUNT(*) AS n FROM "Order"').get() as { n: number }).n;
    const placedEvents = (db.prepare(`SELECT COUNT(*) AS n FROM "OrderEvent" WHERE kind = 'PLACED'`).get() as { n: number }).n;
    db.close();
    expect(orders).toBe(1 + accepted);
    expect(placedEvents).toBe(orders);
  });
});

describe('a running server', () => {
  let server: TestServer;
  const logLines: { level: number; msg: string; err?: { message: string } }[] = [];

  afterEach(() => server?.stop());

  it('/health reports the database and pub/sub', async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { provider: 'sqlite', state: 'ok' },
      pubsub: { transport: 'memory', state: 'ok' },
    });
  });

  it('serves GraphiQL to a browser at /graphql', async () => {
    server = await startServer();
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Orderline GraphQL');
  });

  it('pings graphql-ws clients to keep connections alive, and cuts one that stops answering', async () => {
    server = await startServer({ keepAliveMs: 100 });
    const answering = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    const silent = new WebSocket(server.wsUrl, 'graphql-transport-ws', { autoPong: false });
    cleanup(async () => void [answering, silent].forEach((socket) => socket.close()));
    const pinged = (socket: WebSocket) => new Promise((resolve) => socket.once('ping', resolve));
    const closed = new Promise<number>((resolve) => silent.once('close', resolve));
    await Promise.all([pinged(answering), pinged(silent)]);
    // Cut, without a closing handshake, one keep-alive after the ping it did not answer.
    expect(await closed).toBe(1006);
    for (let i = 0; i < 3; i++) await pinged(answering);
    expect(answering.readyState).toBe(WebSocket.OPEN);
  });

  it('pings a slice of sockets per turn of the event loop, so thousands of connections do not hold it', async () => {
    const count = SOCKETS_PER_TURN * 2 + 10;
    server = await startServer({ keepAliveMs: 300, settings: { limits: [`connections-per-address=${count}`] } });
    // The server's pings, each with the turn of the event loop it was sent in.
    const turn = turnCounter();
    const turns: number[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to each socket below
    const ping = WebSocket.prototype.ping;
    const spy = vi.spyOn(WebSocket.prototype, 'ping').mockImplementation(function (this: WebSocket, ...args) {
      turns.push(turn.now());
      return ping.apply(this, args);
    });
    const sockets = Array.from({ length: count }, () => new WebSocket(server!.wsUrl, 'graphql-transport-ws'));
    cleanup(async () => {
      turn.stop();
      spy.mockRestore();
      sockets.forEach((socket) => socket.close());
    });
    await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('open', resolve))));
    // Pinged again once all are open: a keep-alive that pinged every socket, in slices.
    await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('ping', resolve))));
    expect(Math.max(...perTurn(turns).values())).toBe(SOCKETS_PER_TURN);
  });

  it('masks unexpected errors from clients and logs them with context', async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    server = await startServer({ logger: pino({ level: 'error' }, sink) });
    // A row damaged outside Orderline: its JSON no longer parses.
    const db = new Database(join(server.database.dataDir, SQLITE_FILE_NAME));
    db.prepare(`UPDATE "MenuItem" SET "modifiers" = '{broken' WHERE id = 'fries'`).run();
    db.close();
    const result = await server.gql('{ menu { id modifiers } }', {}, null);
    expect(result.errors).toEqual([
      { message: 'Unexpected error.', locations: [{ line: 1, column: 3 }], path: ['menu'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(result)).not.toContain('broken');
    const logged = logLines.find((line) => line.msg === 'unexpected error');
    expect(logged?.err?.message).toBeTruthy();
  });
});
