// What one client may hold open over graphql-ws: operations per connection, connections per
// address, bytes per message, and which web pages may open a connection at all. Each is refused
// for the one who goes too far while everybody else goes on being served.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { ADVANCE, ORDER_UPDATED, PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

const cleanup = cleanupAfterEach();
const PROTOCOL = 'graphql-transport-ws';
const KIB = 1_024;

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const started = await startServer(options);
  cleanup(() => started.stop());
  return started;
}

type Opened = { socket: WebSocket } | { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw WebSocket, as an attacker's script would open one: open, or the HTTP answer that refused it. */
function open(url: string, headers: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, PROTOCOL, { headers });
    cleanup(() => socket.terminate());
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    socket.once('error', reject);
  });
}

/** A raw socket that has done connection_init and received its ack. */
async function initialised(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const opened = await open(url, headers);
  if (!('socket' in opened)) throw new Error(`upgrade refused: ${opened.status} ${opened.body}`);
  const { socket } = opened;
  const acked = nextMessage(socket);
  socket.send(JSON.stringify({ type: 'connection_init' }));
  expect(await acked).toEqual({ type: 'connection_ack' });
  return socket;
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
}

/** The server still serves: a customer's subscription gets the order as it is. */
async function stillServes(s: TestServer, code: string): Promise<void> {
  const live = subscribe(s.ws(null), ORDER_UPDATED, { code });
  expect((await live.next()).orderUpdated.number).toBe(1);
  live.unsubscribe();
}

describe('live connection limits', { timeout: 60_000 }, () => {
  it('the 51st subscription on one connection is refused; the first 50 go on receiving and the connection stays usable', async () => {
    const s = await server();
    const placed = await s.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const code = placed.data.placeOrder.order.trackingCode;
    const client = s.ws(null);
    const first50 = Array.from({ length: 50 }, () => subscribe(client, ORDER_UPDATED, { code }));
    for (const live of first50) expect((await live.next()).orderUpdated.status).toBe('PENDING');

    const refused = subscribe(client, ORDER_UPDATED, { code });
    await expect(refused.next()).rejects.toThrow(/TOO_MANY_SUBSCRIPTIONS/);
    const errors = (await refused.ended) as { message: string; extensions: { code: string; limit: number } }[];
    expect(errors[0]!.extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 50 });
    expect(errors[0]!.message).toBe('too many live operations on this connection: at most 50 may run at once; complete one before starting another');

    await s.gql(ADVANCE, { number: 1 });
    for (const live of first50) expect((await live.next()).orderUpdated.status).toBe('CONFIRMED');
    // One ends, and a new one takes its place on the same connection.
    first50[0]!.unsubscribe();
    const replacement = subscribe(client, ORDER_UPDATED, { code });
    expect((await replacement.next()).orderUpdated.status).toBe('CONFIRMED');
  });

  it('a connection that stops reading is closed with 1013 once 4 MiB wait unsent for it; the others are served every change', async () => {
    const s = await server();
    // A large order, and a selection that repeats its items: hundreds of kilobytes a message.
    const line = { menuItemId: 'margherita', quantity: 1, modifiers: ['extra cheese', 'no basil', 'gluten-free base'], notes: 'n'.repeat(200) };
    const placed = await s.gql(PLACE_ORDER, { input: takeoutOrder({ items: Array.from({ length: 50 }, () => line) }) }, null);
    const code = placed.data.placeOrder.order.trackingCode;
    const items = Array.from({ length: 30 }, (_, i) => `i${i}: items { name modifiers notes }`).join(' ');
    const query = `subscription($code: String!) { orderUpdated(trackingCode: $code) { rush ${items} } }`;

    const slow = await initialised(s.wsUrl);
    const firsts: Buffer[] = [];
    slow.on('message', (data: Buffer) => firsts.push(data));
    // Ten of them on the one connection: each change queues megabytes for it.
    for (let i = 0; i < 10; i++) slow.send(JSON.stringify({ id: `big${i}`, type: 'subscribe', payload: { query, variables: { code } } }));
    await expect.poll(() => firsts.length, { timeout: 5_000 }).toBe(10);
    slow.removeAllListeners('message');
    expect(JSON.parse(firsts[0]!.toString())).toMatchObject({ type: 'next', payload: { data: { orderUpdated: { rush: false } } } });
    expect(firsts[0]!.length).toBeGreaterThan(256 * KIB);
    slow.pause(); // reads nothing more: the kernel's buffers fill, then the server's
    const healthy = subscribe(s.ws(null), 'subscription($code: String!) { orderUpdated(trackingCode: $code) { rush version } }', { code });
    const { version } = (await healthy.next()).orderUpdated;

    const setRush = 'mutation($rush: Boolean!) { setRush(number: 1, rush: $rush) { __typename } }';
    for (let i = 1; i <= 20; i++) {
      expect((await s.gql(setRush, { rush: i % 2 === 1 })).data.setRush.__typename).toBe('OrderChange');
      // The change itself (a push for a moved estimate alone would carry the same version).
      let seen;
      do seen = (await healthy.next()).orderUpdated;
      while (seen.version < version + i);
      expect(seen).toEqual({ rush: i % 2 === 1, version: version + i });
    }
    const messages: { type: string }[] = [];
    slow.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
    const ended = closed(slow);
    slow.resume();
    const stillOpen = new Promise((resolve) => setTimeout(resolve, 10_000, 'still open after reading all it was sent'));
    expect(await Promise.race([ended, stillOpen])).toEqual({ code: 1013, reason: 'not reading its messages: reconnect to catch up' });
    // It was sent what was queued before the limit, and nothing after: a reconnection catches it up.
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.length).toBeLessThan(20 * 10);
    await stillServes(s, code);
  });

  it('the 201st connection from one address is refused with 429 and Retry-After; a freed slot can be used again', async () => {
    const s = await server();
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 200; i++) sockets.push(await initialised(s.wsUrl));

    const refused = await open(s.wsUrl);
    expect(refused).toMatchObject({ status: 429, headers: { 'retry-after': '10' } });
    expect((refused as { body: string }).body).toBe('too many live connections from this address (at most 200); close some and try again');

    const gone = closed(sockets[0]!);
    sockets[0]!.close();
    await gone;
    await initialised(s.wsUrl);
  });

  it('a message over 64 KiB closes its socket with 1009, before connection_init too, and the server serves the others', async () => {
    const s = await server();
    const placed = await s.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
    const code = placed.data.placeOrder.order.trackingCode;
    const oversized = (type: string) => JSON.stringify({ type, payload: { padding: 'x'.repeat(70 * KIB) } });

    // Before connection_init: a ping, which graphql-ws would otherwise echo back whole as a pong.
    const early = await open(s.wsUrl);
    if (!('socket' in early)) throw new Error(`upgrade refused: ${early.status}`);
    const earlyClosed = closed(early.socket);
    early.socket.send(oversized('ping'));
    expect((await earlyClosed).code).toBe(1009);

    // After connection_init: a subscribe whose query is too long.
    const later = await initialised(s.wsUrl);
    const laterClosed = closed(later);
    later.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { orderUpdated(trackingCode: "${code}") { number } } #${'x'.repeat(70 * KIB)}` } }));
    expect((await laterClosed).code).toBe(1009);

    // A large message within the limit is answered.
    const within = await initialised(s.wsUrl);
    const pong = nextMessage(within);
    within.send(JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(60 * KIB) } }));
    expect(await pong).toMatchObject({ type: 'pong' });
    await stillServes(s, code);
  });

  it('a page from another origin cannot open a live connection (403); the server’s own page, an allowed origin and the CLI (no Origin) can', async () => {
    const s = await server({ settings: { allowedOrigins: 'https://orders.example.com' } });
    const refused = await open(s.wsUrl, { origin: 'https://evil.example' });
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as { body: string }).body).toContain('its origin is not allowed (a server admin can allow it with --allow-origin)');

    await initialised(s.wsUrl, { origin: `http://127.0.0.1:${s.port}` });
    await initialised(s.wsUrl, { origin: 'https://orders.example.com' });
    await initialised(s.wsUrl);
  });
});
