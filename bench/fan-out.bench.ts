// How fast one committed change reaches every subscriber, and what it costs the server, against
// the physical limit measured in the same run: a bare `ws` server writing the same bytes to as
// many sockets. Three shapes, as customers and staff really subscribe:
//   same-order   customers all on one order (orderUpdated, the tracker's own document)
//   own-order    customers each on their own order
//   staff        staff on orderEvents with the order's number, status and items
// Each server runs in a process of its own (bench/support/fan-out-server.ts) and the subscribers
// in two more (bench/support/fan-out-clients.ts); this process only sends the changes. Latency is
// from sending the mutation to a subscriber having the change; for own-order, to the one customer
// whose order changed (the baseline still writes to every socket).
//   npm run bench -- fan-out            100, 1,000 and 5,000 subscribers
//   npm run bench -- --quick fan-out    100 and 1,000
//   FAN_OUT_ONLY=staff:5000 npm run bench -- --cpu-prof fan-out
//       one row, with both servers' CPU profiles of the changes in bench/results/profiles/
//   FAN_OUT_ONLY=own-order:1000 npm run bench -- --heap-snapshot fan-out
//       one row, with heap snapshots of both servers before and after the subscribers connect in
//       bench/results/snapshots/ (compare the two of a server in Chrome DevTools' Memory tab)
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import { OrderUpdatedSubscription } from '../web-tracker/src/order/documents.ts';
import type { FromClients, Subscribe, ToClients } from './support/fan-out-clients.ts';
import type { FromServer, ServerKind, ToServer } from './support/fan-out-server.ts';
import { bundleEntry } from './support/shipped.ts';
import { QUICK, median, ms, quantile, ratio, report, type Row } from './support/report.ts';

const SIZES = QUICK ? [100, 1_000] : [100, 1_000, 5_000];
const REPETITIONS = QUICK ? 8 : 20;
const CLIENT_PROCESSES = 2;
const SHAPES = ['same-order', 'own-order', 'staff'] as const;
type Shape = (typeof SHAPES)[number];
const PROFILE = process.argv.includes('--cpu-prof');
const SNAPSHOT = process.argv.includes('--heap-snapshot');
/** "shape:size" to measure that row alone. */
const ONLY = process.env.FAN_OUT_ONLY;
/** The servers run bundled, as Orderline ships (support/shipped.ts); the clients through tsx. */
const SERVER = await bundleEntry('fan-out-server.ts');

const STAFF_EVENTS = 'subscription { orderEvents { id kind rush order { number status version items { name quantity } } } }';
const now = () => performance.timeOrigin + performance.now();

/** A forked process and a way to wait for its next message of a kind. */
class Child<In, Out extends { type: string }> {
  readonly process: ChildProcess;
  readonly #inbox: Out[] = [];
  #waiting: (() => void) | undefined;

  /** `file`: a module of bench/support, run through tsx, or a bundle's path, run as it is. */
  constructor(file: string, args: string[]) {
    const sources = file.endsWith('.ts');
    const execArgv = sources ? ['--import', 'tsx', '--expose-gc'] : ['--expose-gc'];
    this.process = fork(sources ? fileURLToPath(new URL(file, import.meta.url)) : file, args, { execArgv, stdio: 'inherit' });
    this.process.on('message', (message: Out) => {
      this.#inbox.push(message);
      this.#waiting?.();
    });
  }

  send(message: In): void {
    this.process.send(message as object);
  }

  async next<T extends Out['type']>(type: T, timeoutMs = 120_000): Promise<Extract<Out, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failed = this.#inbox.find((message) => message.type === 'failed');
      if (failed) throw new Error(`a client process failed: ${JSON.stringify(failed)}`);
      const index = this.#inbox.findIndex((message) => message.type === type);
      if (index >= 0) return this.#inbox.splice(index, 1)[0] as Extract<Out, { type: T }>;
      if (Date.now() > deadline) throw new Error(`no "${type}" within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.#waiting = resolve;
        setTimeout(resolve, 1_000);
      });
    }
  }
}

type Server = Child<ToServer, FromServer> & { port: number; adminToken: string };
type Clients = Child<ToClients, FromClients>;
type Stats = Extract<FromServer, { type: 'stats' }>;

async function startServer(kind: ServerKind): Promise<Server> {
  const child = new Child<ToServer, FromServer>(SERVER, [kind]);
  const { port, adminToken } = await child.next('listening');
  return Object.assign(child, { port, adminToken });
}

async function stopServer(server: Server): Promise<void> {
  server.send({ type: 'stop' });
  await server.next('stopped');
}

/** With --cpu-prof, what the server did during `run`, as a CPU profile in results/profiles/<name>.cpuprofile. */
async function profiled<T>(server: Server, name: string, run: () => Promise<T>): Promise<T> {
  if (!PROFILE) return run();
  server.send({ type: 'profile' });
  await server.next('profiled');
  const result = await run();
  server.send({ type: 'profile', file: fileURLToPath(new URL(`results/profiles/${name}.cpuprofile`, import.meta.url)) });
  await server.next('profiled');
  return result;
}

/** The server's figures; with --heap-snapshot and a `snapshot` name, a heap snapshot too. */
async function statsOf(server: Server, snapshot?: string): Promise<Stats> {
  const file = SNAPSHOT && snapshot ? fileURLToPath(new URL(`results/snapshots/${snapshot}.heapsnapshot`, import.meta.url)) : undefined;
  server.send({ type: 'stats', snapshot: file });
  return server.next('stats');
}

async function graphql<T>(server: Server, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`${query.slice(0, 40)}… failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface Placed {
  id: string;
  trackingCode: string;
  version: number;
}

async function placeOrders(server: Server, count: number): Promise<Placed[]> {
  const placed: Placed[] = [];
  const place = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on OrderChange { order { id trackingCode version } } } }';
  const input = { customerName: 'Bench', type: 'TAKEOUT', items: [{ menuItemId: 'cola', quantity: 1 }] };
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const index = next++;
        placed[index] = (await graphql<{ placeOrder: { order: Placed } }>(server, place, { input })).placeOrder.order;
      }
    }),
  );
  return placed;
}

/** Forks the subscriber processes and connects `count` sockets among them. */
async function connectClients(url: string, count: number, subscribe?: (index: number) => Subscribe['variables'][number], base?: Omit<Subscribe, 'variables'>): Promise<{ clients: Clients[]; share: number }> {
  const share = Math.ceil(count / CLIENT_PROCESSES);
  const clients = Array.from({ length: CLIENT_PROCESSES }, () => new Child<ToClients, FromClients>('./support/fan-out-clients.ts', []));
  clients.forEach((client, c) => {
    const indexes = Array.from({ length: Math.min(share, count - c * share) }, (_, i) => c * share + i);
    client.send({ type: 'connect', url, count: indexes.length, subscribe: base && subscribe ? { ...base, variables: indexes.map(subscribe) } : undefined });
  });
  await Promise.all(clients.map((client) => client.next('ready')));
  return { clients, share };
}

function closeClients(clients: Clients[]): void {
  for (const client of clients) client.send({ type: 'close' });
}

interface Trial {
  latencies: number[];
  frames: number[];
  answered: number[];
  /** A trivial query sent with the change, and one sent as the change is answered (when its fan-out starts). */
  queryWithChange: number[];
  queryAtFanOut: number[];
  /** A frame that brought the last change, as the subscribers received it: what the baseline sends. */
  sample: string;
}

/** Sends the rep'th change, and says which order's version to expect, and which socket (by global index) when only one cares. */
type Change = (rep: number) => { send: () => Promise<unknown>; version: number; socket?: number };

/**
 * Code compiled the first time a subscription runs, and modules loaded then, are the process's,
 * not its connections' (about 1.2 MB for Orderline's server and 0.3 MB for the bare one, which
 * counted 1.2 and 0.3 KB a connection at 1,000): before memory is first measured, a few
 * subscribers connect, see two changes and go, on both servers.
 */
const WARM_UP = 20;

async function warmUp(server: Server, connect: (count: number) => Promise<{ clients: Clients[]; share: number }>, change: (count: number) => Change): Promise<void> {
  const { clients, share } = await connect(WARM_UP);
  await trial(clients, share, change(WARM_UP), undefined, 2);
  closeClients(clients);
  while ((await statsOf(server)).connections > 0) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Sends `REPETITIONS` changes and waits for the armed sockets to see each. `change` sends one and
 * says which order's version to expect, and which socket (by global index) when only one cares.
 */
async function trial(clients: Clients[], share: number, change: Change, trivial?: () => Promise<unknown>, repetitions = REPETITIONS): Promise<Trial> {
  const result: Trial = { latencies: [], frames: [], answered: [], queryWithChange: [], queryAtFanOut: [], sample: '' };
  for (let rep = 0; rep < repetitions; rep++) {
    const { send, version, socket } = change(rep);
    clients.forEach((client, c) => {
      const mine = socket === undefined ? undefined : Math.floor(socket / share) === c ? [socket % share] : [];
      client.send({ type: 'arm', version, sockets: mine });
    });
    const waiting = clients.filter((_, c) => socket === undefined || Math.floor(socket / share) === c);
    const sent = now();
    const timed = (into: number[]) => {
      const started = now();
      return trivial?.().then(() => into.push(now() - started));
    };
    const query = timed(result.queryWithChange);
    // The change is answered first, then published: the fan-out starts as the answer goes out.
    const answer = send().then(() => (result.answered.push(now() - sent), timed(result.queryAtFanOut)));
    const arrivals = await Promise.all(waiting.map((client) => client.next('arrived', 60_000)));
    await Promise.all([answer, query]);
    result.latencies.push(...arrivals.flatMap((arrival) => arrival.at.map((at) => at - sent)));
    result.sample = arrivals[0]!.frame;
    // Frames still on their way belong to this change too (estimates pushed to other customers).
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const client of clients) client.send({ type: 'count' });
    const counted = await Promise.all(clients.map((client) => client.next('counted')));
    result.frames.push(counted.reduce((sum, count) => sum + count.frames, 0));
  }
  return result;
}

async function measureOrderline(shape: Shape, size: number): Promise<{ trial: Trial; cpuMs: number; executions: number; memory: Memory; idleQuery: number; during: Stats }> {
  const server = await startServer('orderline');
  try {
    const orders = await placeOrders(server, shape === 'own-order' ? size : 1);
    const url = `ws://127.0.0.1:${server.port}/graphql`;
    const connect = (count: number) =>
      shape === 'staff'
        ? connectClients(url, count, () => ({}), { query: STAFF_EVENTS, token: server.adminToken, versionPath: ['orderEvents', 'order', 'version'] })
        : connectClients(url, count, (index) => ({ trackingCode: orders[shape === 'own-order' ? index : 0]!.trackingCode }), { query: print(OrderUpdatedSubscription), versionPath: ['orderUpdated', 'version'] });
    const rush = new Map<number, boolean>();
    /** Changes among `count` subscribers: for own-order, each to one of their orders. */
    const change = (count: number): Change => (rep) => {
      const index = shape === 'own-order' ? (rep * 7919) % count : 0;
      const order = orders[index]!;
      rush.set(index, !rush.get(index));
      order.version++;
      const mutation = 'mutation($id: ID!, $rush: Boolean!) { setRush(id: $id, rush: $rush) { __typename } }';
      return { send: () => graphql(server, mutation, { id: order.id, rush: rush.get(index) }), version: order.version, socket: shape === 'own-order' ? index : undefined };
    };
    await warmUp(server, connect, change);
    const before = await statsOf(server, `${shape}-${size}-before`);
    const { clients, share } = await connect(size);
    const connected = await statsOf(server, `${shape}-${size}-connected`);
    const trivial = () => graphql(server, '{ __typename }');
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = now();
      await trivial();
      idle.push(now() - started);
    }
    const { start, result, end } = await profiled(server, `${shape}-${size}`, async () => {
      const start = await statsOf(server);
      const result = await trial(clients, share, change(size), trivial);
      return { start, result, end: await statsOf(server) };
    });
    closeClients(clients);
    return {
      trial: result,
      cpuMs: (end.cpuMs - start.cpuMs) / REPETITIONS,
      executions: (end.executions - start.executions) / REPETITIONS,
      memory: memoryPerConnection(before, connected, size),
      idleQuery: median(idle),
      during: end,
    };
  } finally {
    await stopServer(server);
  }
}

interface Memory {
  heapKb: number;
  rssKb: number;
}

function memoryPerConnection(before: Stats, connected: Stats, size: number): Memory {
  return { heapKb: (connected.heapBytes - before.heapBytes) / size / 1024, rssKb: (connected.rssBytes - before.rssBytes) / size / 1024 };
}

async function measureRaw(size: number, sample: string): Promise<{ trial: Trial; cpuMs: number; memory: Memory }> {
  const server = await startServer('raw-ws');
  try {
    // An empty frame would make the baseline cheaper than the same bytes (staff once were compared so).
    if (!sample) throw new Error('no frame of the change to send from the baseline');
    server.send({ type: 'message', text: sample });
    const connect = (count: number) => connectClients(`ws://127.0.0.1:${server.port}`, count);
    const change = (): Change => () => ({ send: () => fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST' }).then((r) => r.text()), version: 0 });
    await warmUp(server, connect, change);
    const before = await statsOf(server, `raw-ws-${size}-before`);
    const { clients, share } = await connect(size);
    const connected = await statsOf(server, `raw-ws-${size}-connected`);
    const { result, end } = await profiled(server, `raw-ws-${size}`, async () => {
      const result = await trial(clients, share, change());
      return { result, end: await statsOf(server) };
    });
    closeClients(clients);
    return { trial: result, cpuMs: (end.cpuMs - connected.cpuMs) / REPETITIONS, memory: memoryPerConnection(before, connected, size) };
  } finally {
    await stopServer(server);
  }
}

const rows: Row[] = [];
for (const shape of SHAPES) {
  for (const size of SIZES) {
    if (ONLY && ONLY !== `${shape}:${size}`) continue;
    const ours = await measureOrderline(shape, size);
    const raw = await measureRaw(size, ours.trial.sample);
    const p99 = quantile(ours.trial.latencies, 0.99);
    const rawP99 = quantile(raw.trial.latencies, 0.99);
    const [withChange, atFanOut] = [median(ours.trial.queryWithChange), median(ours.trial.queryAtFanOut)];
    rows.push({
      shape,
      subscribers: size,
      'p50 ms': ms(median(ours.trial.latencies)),
      'p99 ms': ms(p99),
      'raw ws p50': ms(median(raw.trial.latencies)),
      'raw ws p99': ms(rawP99),
      'p99 vs raw': ratio(p99, rawP99),
      'executions/event': ms(ours.executions),
      'frames/event': ms(median(ours.trial.frames)),
      'frame bytes': Buffer.byteLength(ours.trial.sample),
      'CPU ms/event': ms(ours.cpuMs),
      'GC ms/event': ms(ours.during.gcMs / REPETITIONS),
      'raw CPU ms/event': ms(raw.cpuMs),
      // A hundred connections move RSS less than the allocator's own noise.
      'heap KB/conn': size >= 1_000 ? ms(ours.memory.heapKb) : '',
      'raw heap KB/conn': size >= 1_000 ? ms(raw.memory.heapKb) : '',
      'heap vs raw': size >= 1_000 ? ratio(ours.memory.heapKb, raw.memory.heapKb) : '',
      'RSS KB/conn': size >= 1_000 ? ms(ours.memory.rssKb) : '',
      'raw RSS KB/conn': size >= 1_000 ? ms(raw.memory.rssKb) : '',
      'answered p50 ms': ms(median(ours.trial.answered)),
      'query idle/with change/at fan-out ms': `${ms(ours.idleQuery)}/${ms(withChange)}/${ms(atFanOut)}`,
      'with change vs idle': ratio(withChange, ours.idleQuery),
      'at fan-out vs idle': ratio(atFanOut, ours.idleQuery),
      'loop delay p99/max ms': `${ms(ours.during.loopDelayP99Ms)}/${ms(ours.during.loopDelayMaxMs)}`,
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
}
report('fan-out', rows, [
  `${REPETITIONS} changes per row; frame bytes as Orderline sent them (the baseline sends the same). "answered" is the mutation's own response;`,
  'The { __typename } query: alone (idle), sent with each change (it waits for the change too), and sent as the change is answered, when its fan-out starts.',
  'raw CPU is the bare ws server\'s for the same writes. heap KB/conn is the server\'s growth per subscribed connection in V8\'s heap and buffers after a full collection; RSS KB/conn the same in RSS (noisier).',
  'GC ms/event: the collector\'s pauses during the changes; loop delay: how late a 1 ms timer ran then, what a request arriving at the worst moment waits.',
]);
