// The servers the fan-out benchmark measures, each in a process of its own so its CPU time and
// memory are its own: Orderline as `orderline serve` runs it (limits lifted, so they do not
// measure themselves), or the baseline, a bare `ws` server that sends one prepared message to every
// socket when told over HTTP. Started by fan-out.bench.ts with fork(); answers its messages.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { writeHeapSnapshot } from 'node:v8';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { WebSocketServer } from 'ws';
import { parseServerConfig } from '../../server/config.ts';
import { liveMetrics } from '../../server/graphql/live-metrics.ts';
import { buildApp } from '../../server/http/app.ts';

export type ServerKind = 'orderline' | 'raw-ws';

/**
 * `stats`: after a full collection, and with `snapshot`, a heap snapshot written there (open two in
 * Chrome DevTools' Memory tab, Comparison, to see what the connections between them hold).
 * `profile`: start the CPU profiler, or stop it and write the profile to `file`.
 */
export type ToServer = { type: 'stats'; snapshot?: string } | { type: 'stop' } | { type: 'message'; text: string } | { type: 'profile'; file?: string };
export type FromServer =
  | { type: 'listening'; port: number; adminToken: string }
  | {
      type: 'stats';
      cpuMs: number;
      rssBytes: number;
      heapBytes: number;
      executions: number;
      /** Open WebSocket connections. */
      connections: number;
      /** Since the stats before: how late a 1 ms timer ran at the 99th percentile and at most (how long a request may wait), and the collector's pauses. */
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
      gcMs: number;
    }
  | { type: 'stopped' }
  | { type: 'profiled' };

const UNLIMITED = ['subscriptions-per-connection', 'connections-per-address', 'orders-per-minute', 'mutations-per-minute', 'failed-logins-per-minute'].map((name) => `${name}=1000000000`);

function send(message: FromServer): void {
  process.send!(message);
}

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
/** The collector's pauses (ms), other than the full collection stats() asks for. */
const pauses: number[] = [];
/** When stats() last forced a full collection; its entry arrives after stats() has read the pauses. */
let forced = { from: 0, to: 0 };
new PerformanceObserver((entries) => {
  for (const { startTime, duration } of entries.getEntries()) {
    if (startTime < forced.from || startTime > forced.to) pauses.push(duration);
  }
}).observe({ entryTypes: ['gc'] });

async function stats(snapshot: string | undefined, connections: number): Promise<FromServer> {
  // The collector's entries arrive a turn late; then all since the stats before are in.
  await new Promise(setImmediate);
  const since = { loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6, gcMs: pauses.reduce((sum, duration) => sum + duration, 0) };
  const from = performance.now();
  globalThis.gc?.();
  forced = { from, to: performance.now() };
  if (snapshot) {
    mkdirSync(dirname(snapshot), { recursive: true });
    writeHeapSnapshot(snapshot);
  }
  // The collection held the loop; its delay is counted when the timer next runs, before the reset.
  await new Promise((resolve) => setTimeout(resolve, 5));
  loopDelay.reset();
  pauses.length = 0;
  const { user, system } = process.cpuUsage();
  const { rss, heapUsed, external } = process.memoryUsage();
  // The heap (and buffers outside it) after a full collection is what the process holds; RSS also
  // keeps pages the collector freed but the allocator has not given back, which moves by more
  // than a thousand connections' worth from one run to the next.
  return { type: 'stats', cpuMs: (user + system) / 1_000, rssBytes: rss, heapBytes: heapUsed + external, executions: liveMetrics.executions, connections, ...since };
}

const inspector = new Session();

/** Profiles only what the benchmark asks about (the changes), not the setup around it. */
async function profile(file: string | undefined): Promise<void> {
  const post = (method: string) => new Promise<unknown>((resolve, reject) => inspector.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  if (!file) {
    inspector.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
    return;
  }
  const { profile } = (await post('Profiler.stop')) as { profile: object };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
  inspector.disconnect();
}

async function orderline(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'orderline-fan-out-'));
  const adminToken = randomBytes(32).toString('base64url');
  const config = parseServerConfig({ port: 0, dataDir: dir, logLevel: 'silent', timeZone: 'UTC', adminToken, limits: UNLIMITED });
  const app = await buildApp(config, pino({ level: 'silent' }));
  const { port } = await app.start(0, '127.0.0.1');
  process.on('message', (message: ToServer) => {
    if (message.type === 'stats') {
      void fetch(`http://127.0.0.1:${port}/health`)
        .then((response) => response.json() as Promise<{ liveConnections: number }>)
        .then((health) => stats(message.snapshot, health.liveConnections))
        .then(send);
    }
    if (message.type === 'stop') {
      void app.stop().then(() => {
        rmSync(dir, { recursive: true, force: true });
        send({ type: 'stopped' });
        process.exit(0);
      });
    }
  });
  send({ type: 'listening', port, adminToken });
}

/** The physical limit: one prepared string written to every open socket, nothing else. */
function rawWs(): void {
  let message = '';
  const http = createServer((_req, res) => {
    for (const socket of sockets.clients) socket.send(message);
    res.end('{}');
  });
  const sockets = new WebSocketServer({ server: http });
  http.listen(0, '127.0.0.1', () => {
    const { port } = http.address() as { port: number };
    send({ type: 'listening', port, adminToken: '' });
  });
  process.on('message', (command: ToServer) => {
    if (command.type === 'message') message = command.text;
    if (command.type === 'stats') void stats(command.snapshot, sockets.clients.size).then(send);
    if (command.type === 'stop') {
      send({ type: 'stopped' });
      process.exit(0);
    }
  });
}

// Either server is profiled alike.
process.on('message', (command: ToServer) => {
  if (command.type === 'profile') void profile(command.file).then(() => send({ type: 'profiled' }));
});

const kind = process.argv[2] as ServerKind;
if (kind === 'raw-ws') rawWs();
else await orderline();
