// A share of the fan-out benchmark's subscribers, in a process of its own so receiving costs the
// server's process nothing: plain `ws` sockets speaking graphql-transport-ws by hand (or, against
// the raw baseline, nothing at all), noting when each socket first sees the change it waits for.
// Started by fan-out.bench.ts with fork(); answers its messages.
import WebSocket from 'ws';

export interface Subscribe {
  query: string;
  /** One set of variables per socket. */
  variables: Record<string, unknown>[];
  token?: string;
  /** Where the order's version is in a `next` payload's data, e.g. ['orderUpdated', 'version']. */
  versionPath: string[];
}

export type ToClients =
  | { type: 'connect'; url: string; subscribe?: Subscribe; count: number }
  /** Note, for the sockets named (all when omitted), when each first sees version `version` or later. */
  | { type: 'arm'; version: number; sockets?: number[] }
  /** How many frames arrived since arming. */
  | { type: 'count' }
  | { type: 'close' };

export type FromClients =
  | { type: 'ready' }
  /** When each armed socket saw the change (epoch ms), and the first frame that brought it (what the baseline then sends). */
  | { type: 'arrived'; at: number[]; frame: string }
  | { type: 'counted'; frames: number }
  | { type: 'failed'; reason: string };

const CONNECT_BATCH = 200;
const now = () => performance.timeOrigin + performance.now();
const send = (message: FromClients) => process.send!(message);

const sockets: WebSocket[] = [];
let armed: { version: number; waiting: Set<number>; at: number[]; frames: number; frame: string } | undefined;
let versionPath: string[] = [];

function versionOf(frame: string): number | undefined {
  const message = JSON.parse(frame) as { type: string; payload?: { data?: unknown; errors?: unknown } };
  if (message.type !== 'next') return undefined;
  if (message.payload?.errors) throw new Error(`the server sent errors: ${JSON.stringify(message.payload.errors)}`);
  let value: unknown = message.payload?.data;
  for (const key of versionPath) value = (value as Record<string, unknown>)[key];
  return value as number;
}

function received(index: number, frame: string): void {
  if (!armed) return;
  armed.frames++;
  if (!armed.waiting.has(index)) return;
  const version = versionPath.length ? versionOf(frame) : armed.version;
  if (version === undefined || version < armed.version) return;
  armed.waiting.delete(index);
  armed.at.push(now());
  armed.frame ||= frame;
  if (armed.waiting.size === 0) send({ type: 'arrived', at: armed.at, frame: armed.frame });
}

async function connect(url: string, count: number, subscribe: Subscribe | undefined): Promise<void> {
  versionPath = subscribe?.versionPath ?? [];
  const open = (index: number) =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url, subscribe ? 'graphql-transport-ws' : undefined);
      socket.on('error', reject);
      socket.on('message', (data: Buffer) => {
        const frame = data.toString();
        if (!subscribe) return received(index, frame);
        const type = (JSON.parse(frame) as { type: string }).type;
        if (type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: subscribe.query, variables: subscribe.variables[index] } }));
          // A subscription that pushes nothing at first (orderEvents) is live once acknowledged and sent.
          if (!versionPath.length || subscribe.query.includes('orderEvents')) setTimeout(() => resolve(socket), 200);
        } else if (type === 'next') {
          if (armed) received(index, frame);
          else resolve(socket);
        } else if (type === 'error' || type === 'complete') reject(new Error(`subscription ended: ${frame}`));
      });
      socket.on('open', () => {
        if (subscribe) socket.send(JSON.stringify({ type: 'connection_init', payload: subscribe.token ? { authorization: `Bearer ${subscribe.token}` } : {} }));
        else resolve(socket);
      });
    });
  // In batches: thousands of connections at once overflow the server's listen backlog (resets).
  for (let first = 0; first < count; first += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - first) }, (_, i) => open(first + i));
    sockets.push(...(await Promise.all(batch)));
  }
  send({ type: 'ready' });
}

process.on('message', (message: ToClients) => {
  if (message.type === 'connect') connect(message.url, message.count, message.subscribe).catch((error: Error) => send({ type: 'failed', reason: error.message }));
  if (message.type === 'arm') {
    const waiting = new Set(message.sockets ?? sockets.map((_, index) => index));
    armed = { version: message.version, waiting, at: [], frames: 0, frame: '' };
  }
  if (message.type === 'count') send({ type: 'counted', frames: armed?.frames ?? 0 });
  if (message.type === 'close') {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});
