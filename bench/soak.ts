// `npm run soak`: a minute of a busy restaurant under attack, against a real `orderline serve`.
// 500 subscribers (customers on orderUpdated, kitchen screens on orderEvents, pickup boards) from
// their own addresses, 50 status changes a second, one client that stops reading, one that
// reconnects every few seconds, and, for the second half, an attacker running the abuse the
// hardening closed. Prints lost, duplicated and out-of-order deliveries (all must be 0), delivery
// latency for the healthy clients without and with the attacker, and the server's memory; exits
// non-zero when a delivery was lost, doubled or reordered.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CUSTOMERS = 300;
const SCREENS = 150;
const BOARDS = 50;
const CHANGES_PER_SECOND = 50;
/** Kitchen tokens sharing the changes, as several screens would: each stays under its own limit. */
const KITCHEN_TOKENS = 5;
const RECONNECT_EVERY_MS = 3_000;

const ORDER_EVENTS = 'subscription($after: String) { orderEvents(after: $after) { id cursor at } }';
const ORDER_UPDATED = 'subscription($code: String!) { orderUpdated(trackingCode: $code) { number status version estimatedReadyAt } }';
const BOARD = 'subscription { pickupBoardUpdated { ready { number } preparing { number } } }';
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on OrderChange { order { number trackingCode version } } ... on Error { message } } }`;
const ADVANCE = `mutation($number: Int!) { advanceOrder(number: $number) { ... on OrderChange { order { number status version } } ... on Error { message code } } }`;

type Phase = 'calm' | 'attacked';

interface Placed {
  number: number;
  trackingCode: string;
  version: number;
}

interface Tally {
  lost: number;
  duplicated: number;
  reordered: number;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'orderline-soak-'));
  const adminToken = randomBytes(32).toString('base64url');
  const server = spawn(process.execPath, ['bin/orderline.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--log-level', 'warn', '--trust-proxy'], {
    env: { ...process.env, ORDERLINE_ADMIN_TOKEN: adminToken, NODE_OPTIONS: process.env.SOAK_SERVER_NODE_OPTIONS ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.on('exit', () => server.kill('SIGKILL'));
  const progress = (line: string) => process.stderr.write(`soak: ${line}\n`);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`orderline serve exited with ${code}`)));
  });
  const wsUrl = `${url.replace('http', 'ws')}/graphql`;
  const memory = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  const memorySamples = [memory()];

  const http = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, token?: string, from = '10.9.0.1') => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: { message: string }[] };
  };
  const kitchenTokens: string[] = [];
  for (let i = 0; i < KITCHEN_TOKENS; i++) {
    const made = await http<{ createApiToken?: { secret?: string } }>('mutation($name: String!) { createApiToken(name: $name, role: KITCHEN) { ... on CreatedApiToken { secret } } }', { name: `Soak screen ${i}` }, adminToken);
    if (!made.data?.createApiToken?.secret) throw new Error(`creating a kitchen token failed: ${JSON.stringify(made)}`);
    kitchenTokens.push(made.data.createApiToken.secret);
  }

  const placeOne = async () => {
    const placed = await http<{ placeOrder?: { order?: Placed } }>(PLACE, { input: { customerName: 'Soak', type: 'TAKEOUT', items: [{ menuItemId: 'margherita', quantity: 1 }] } }, adminToken);
    const order = placed.data?.placeOrder?.order;
    if (!order) throw new Error(`placing an order failed: ${JSON.stringify(placed)}`);
    return order;
  };
  const orders = await Promise.all(Array.from({ length: CUSTOMERS }, placeOne));
  progress(`${CUSTOMERS} orders placed; connecting ${SCREENS + CUSTOMERS + BOARDS + 2} subscribers`);

  // Delivery latency: an event from the time the server committed it (same machine, same clock),
  // an order's new version from when its change was sent.
  const sentAt = new Map<string, number>();
  const versions = new Map(orders.map((order) => [order.number, order.version]));
  let phase: Phase = 'calm';
  const latencies: Record<Phase, number[]> = { calm: [], attacked: [] };
  const note = (sent: number | undefined) => {
    if (sent !== undefined) latencies[phase].push(Date.now() - sent);
  };

  const clients: Client[] = [];
  const connect = (address: string, token?: string) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: class extends WebSocket {
        constructor(target: string, protocols?: string | string[]) {
          super(target, protocols, { headers: { 'x-forwarded-for': address } });
        }
      },
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 250)),
    });
    clients.push(client);
    return client;
  };
  const head = (await http<{ latestEventCursor: string }>('{ latestEventCursor }', {}, adminToken)).data!.latestEventCursor;

  // Kitchen screens: every event once, in order, resuming from their cursor after any reconnect.
  const screens = Array.from({ length: SCREENS + 1 }, (_, i) => ({ cursor: head, ids: [] as number[], tally: { lost: 0, duplicated: 0, reordered: 0 }, i }));
  // A screen listens to one subscription at a time: once it has let go of one (to reconnect),
  // what that one still delivers is not the screen's any more.
  const current = new Map<number, Client>();
  const follow = (screen: (typeof screens)[number], client: Client) => {
    current.set(screen.i, client);
    return client.subscribe<{ orderEvents: { id: string; cursor: string; at: string } }>(
      { query: ORDER_EVENTS, variables: { after: screen.cursor } },
      {
        next: ({ data }) => {
          if (!data || current.get(screen.i) !== client) return;
          const id = Number(data.orderEvents.id);
          const last = screen.ids.at(-1);
          if (last !== undefined && id === last) screen.tally.duplicated++;
          else if (last !== undefined && id < last) screen.tally.reordered++;
          screen.ids.push(id);
          screen.cursor = data.orderEvents.cursor;
          note(Date.parse(data.orderEvents.at));
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  };
  for (const screen of screens.slice(0, SCREENS)) follow(screen, connect(`10.1.${screen.i >> 8}.${screen.i & 255}`, kitchenTokens[screen.i % KITCHEN_TOKENS]));

  // The one that reconnects every few seconds, from its cursor.
  const reconnecting = screens[SCREENS]!;
  let reconnectingClient = connect('10.2.0.1', kitchenTokens[0]);
  follow(reconnecting, reconnectingClient);
  const reconnects = setInterval(() => {
    const previous = reconnectingClient;
    reconnectingClient = connect('10.2.0.1', kitchenTokens[0]);
    follow(reconnecting, reconnectingClient);
    void previous.dispose();
  }, RECONNECT_EVERY_MS);

  // Customers: their order's versions only ever go up, and the last one is the order's last.
  const customers = orders.map((order, i) => ({ order, versions: [] as number[], last: '', tally: { lost: 0, duplicated: 0, reordered: 0 }, i }));
  for (const customer of customers) {
    connect(`10.3.${customer.i >> 8}.${customer.i & 255}`).subscribe<{ orderUpdated: { number: number; version: number } }>(
      { query: ORDER_UPDATED, variables: { code: customer.order.trackingCode } },
      {
        next: ({ data }) => {
          if (!data) return;
          const { version, number } = data.orderUpdated;
          const last = customer.versions.at(-1);
          // The same version again is news only when its estimate moved.
          const text = JSON.stringify(data.orderUpdated);
          if (text === customer.last) customer.tally.duplicated++;
          else if (last !== undefined && version < last) customer.tally.reordered++;
          customer.last = text;
          customer.versions.push(version);
          if (version !== last) note(sentAt.get(`${number}:${version}`));
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  // Pickup boards: end showing what the server shows.
  const boards = Array.from({ length: BOARDS }, () => ({ last: '' }));
  boards.forEach((board, i) =>
    connect(`10.4.0.${i}`).subscribe<{ pickupBoardUpdated: unknown }>(
      { query: BOARD },
      { next: ({ data }) => void (board.last = JSON.stringify(data?.pickupBoardUpdated)), error: () => undefined, complete: () => undefined },
    ),
  );

  // The stalled client: subscribes, then never reads again.
  const stalled = new WebSocket(wsUrl, 'graphql-transport-ws', { headers: { 'x-forwarded-for': '10.5.0.1' } });
  stalled.on('open', () => {
    stalled.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${kitchenTokens[1]}` } }));
    stalled.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: ORDER_EVENTS, variables: { after: '0' } } }));
    setTimeout(() => (stalled as unknown as { _socket: { pause(): void } })._socket.pause(), 200);
  });
  stalled.on('error', () => undefined);

  await new Promise((resolve) => setTimeout(resolve, 2_000));
  progress(`${SECONDS} s of ${CHANGES_PER_SECOND} changes a second; the attacker joins half-way`);

  // The kitchen: 50 changes a second, round the open orders; a finished order makes way for a new one.
  const open = orders.map((order) => order.number);
  const customerOrders = new Set(open);
  const placeNew = async () => {
    const order = await placeOne();
    versions.set(order.number, order.version);
    return order.number;
  };
  let changes = 0;
  let refused = 0;
  const started = performance.now();
  const drive = setInterval(() => {
    for (let i = 0; i < CHANGES_PER_SECOND / 10; i++) {
      const number = open.shift();
      if (number === undefined) return;
      sentAt.set(`${number}:${versions.get(number)! + 1}`, Date.now());
      const token = kitchenTokens[changes++ % KITCHEN_TOKENS]!;
      void http<{ advanceOrder?: { order?: { status: string; version: number } } }>(ADVANCE, { number }, token, `10.6.0.${changes % KITCHEN_TOKENS}`).then(async (result) => {
        const change = result.data?.advanceOrder;
        if (!change?.order) {
          refused++;
          open.push(number);
          return;
        }
        versions.set(number, change.order.version);
        if (change.order.status === 'COMPLETED') open.push(await placeNew());
        else open.push(number);
      });
    }
  }, 100);

  const attack = { requests: 0, refused: 0, failed: 0 };
  let attacking: Promise<void> | undefined;
  setTimeout(() => {
    progress('the attacker joins');
    phase = 'attacked';
    attacking = runAttacker(url, wsUrl, attack, () => performance.now() - started > SECONDS * 1000);
  }, (SECONDS * 1000) / 2);

  const sampling = setInterval(() => memorySamples.push(memory()), (SECONDS * 1000) / 4);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  clearInterval(sampling);
  clearInterval(drive);
  clearInterval(reconnects);
  await attacking;
  // Let the last changes arrive.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  progress('counting what arrived');

  // Every event the log holds after the screens' start, and every customer order's last version.
  const truth = await http<{ latestEventCursor: string }>('{ latestEventCursor }', {}, adminToken);
  const last = Number(truth.data!.latestEventCursor);
  for (const screen of screens) {
    const seen = new Set(screen.ids);
    for (let id = Number(head) + 1; id <= last; id++) if (!seen.has(id)) screen.tally.lost++;
  }
  for (const customer of customers) {
    const now = await http<{ orderByTrackingCode: { version: number } }>('query($code: String!) { orderByTrackingCode(code: $code) { version } }', { code: customer.order.trackingCode });
    if (customer.versions.at(-1) !== now.data!.orderByTrackingCode.version) customer.tally.lost++;
  }
  const board = JSON.stringify((await http('{ pickupBoard { ready { number } preparing { number } } }', {})).data!.pickupBoard);
  const staleBoards = boards.filter((b) => b.last !== board).length;
  memorySamples.push(memory());

  const sum = (tallies: Tally[], key: keyof Tally) => tallies.reduce((total, tally) => total + tally[key], 0);
  const table = new Table({ head: ['subscribers', 'deliveries', 'lost', 'duplicated', 'out of order'] });
  const screenTallies = screens.slice(0, SCREENS).map((s) => s.tally);
  table.push(
    [`kitchen screens (${SCREENS})`, screens.slice(0, SCREENS).reduce((n, s) => n + s.ids.length, 0), sum(screenTallies, 'lost'), sum(screenTallies, 'duplicated'), sum(screenTallies, 'reordered')],
    ['screen reconnecting every 3 s', reconnecting.ids.length, reconnecting.tally.lost, reconnecting.tally.duplicated, reconnecting.tally.reordered],
    [`customers (${CUSTOMERS})`, customers.reduce((n, c) => n + c.versions.length, 0), sum(customers.map((c) => c.tally), 'lost'), sum(customers.map((c) => c.tally), 'duplicated'), sum(customers.map((c) => c.tally), 'reordered')],
    [`pickup boards (${BOARDS})`, '', staleBoards, '', ''],
  );
  const percentile = (values: number[], p: number) => (values.length ? Math.round(values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!) : NaN);
  const latency = new Table({ head: ['delivery latency, healthy clients', 'deliveries', 'p50 ms', 'p99 ms'] });
  for (const name of ['calm', 'attacked'] as const) latency.push([name === 'calm' ? 'without the attacker' : 'with the attacker', latencies[name].length, percentile(latencies[name], 50), percentile(latencies[name], 99)]);
  const summary = new Table({ head: ['', ''] });
  summary.push(
    ['status changes', `${changes} (${refused} refused)`],
    ['attacker requests', `${attack.requests}: ${attack.refused} refused by a limit, ${attack.failed} other errors`],
    ['server memory (RSS), every quarter', `${memorySamples.join(' → ')} MiB`],
    ['customer orders', customerOrders.size],
  );
  console.log(`${table.toString()}\n${latency.toString()}\n${summary.toString()}`);

  stalled.terminate();
  for (const client of clients) void client.dispose();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });

  const broken = sum([...screens.map((s) => s.tally), ...customers.map((c) => c.tally)], 'lost') + sum([...screens.map((s) => s.tally), ...customers.map((c) => c.tally)], 'duplicated') + sum([...screens.map((s) => s.tally), ...customers.map((c) => c.tally)], 'reordered') + staleBoards;
  if (broken > 0) {
    console.error(`soak: ${broken} deliveries lost, doubled or out of order`);
    process.exit(1);
  }
}

/** The abuse the hardening closed, in a loop from one address, until `done`. */
async function runAttacker(url: string, wsUrl: string, tally: { requests: number; refused: number; failed: number }, done: () => boolean) {
  const from = { 'x-forwarded-for': '203.0.113.66' };
  const aliases = `{ ${Array.from({ length: 5_000 }, (_, i) => `a${i}: menu { id name }`).join(' ')} }`;
  const attacks: (() => Promise<number>)[] = [
    () => post(url, { 'content-type': 'application/json', ...from }, JSON.stringify({ query: aliases })),
    () => post(url, { 'content-type': 'application/json', ...from }, JSON.stringify({ query: `${'{ menu '.repeat(5_000)}${'}'.repeat(5_000)}` })),
    () => post(url, { 'content-type': 'application/x-www-form-urlencoded', ...from }, `query=${encodeURIComponent(PLACE)}`),
    () => post(url, { 'content-type': 'application/json', authorization: `Bearer olt_${randomBytes(32).toString('base64url')}`, ...from }, JSON.stringify({ query: '{ stats { open } }' })),
    () => post(url, { 'content-type': 'application/json', ...from }, JSON.stringify({ query: PLACE, variables: { input: { customerName: 'Flood', type: 'TAKEOUT', items: [{ menuItemId: 'cola', quantity: 1 }] } } })),
    () => floodSubscriptions(wsUrl, from),
  ];
  let i = 0;
  while (!done()) {
    tally.requests++;
    const status = await attacks[i++ % attacks.length]!().catch(() => 0);
    if (status === 400 || status === 413 || status === 415 || status === 429 || status === 401 || (status >= 4000 && status < 5000) || status === 1009) tally.refused++;
    else if (status !== 200) tally.failed++;
  }
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
  const text = await response.text();
  // A client that accepts only application/json gets its refusal as 200 with errors.
  return response.status === 200 && text.includes('"errors"') ? 400 : response.status;
}

/** 1,000 subscriptions on one connection, then a 1 MiB message; resolves with how the server closed it. */
function floodSubscriptions(wsUrl: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { headers });
    socket.on('error', () => undefined);
    socket.on('close', (code) => resolve(code));
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init' }));
      for (let id = 0; id < 1_000; id++) socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query: BOARD } }));
      socket.send(JSON.stringify({ type: 'ping', payload: { pad: 'x'.repeat(1024 * 1024) } }));
      setTimeout(() => socket.terminate(), 2_000);
    });
  });
}

await main();
