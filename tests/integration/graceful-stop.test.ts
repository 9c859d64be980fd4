// SIGTERM lets requests finish (README): a deploy or a restart must not lose an order a client
// has already sent, even on a keep-alive connection the server was about to close.
import { request, Agent } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { finished } from '../support/cli.ts';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServeProcess, type ServeProcess } from '../support/serve-process.ts';

const cleanup = cleanupAfterEach();
const CLIENTS = 8;

interface Sent {
  name: string;
  /** When the whole request had been handed to the kernel. */
  writtenAt?: number;
  status?: number;
  connection?: string;
  error?: string;
}

/** One mutation over a keep-alive agent; resolves with what came of it, never rejects. */
function placeOrder(server: ServeProcess, agent: Agent, name: string): Promise<Sent> {
  const sent: Sent = { name };
  const body = JSON.stringify({ query: PLACE_ORDER, variables: { input: takeoutOrder({ customerName: name }) } });
  return new Promise((resolve) => {
    const req = request(`${server.url}/graphql`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.managerToken}`, 'content-length': Buffer.byteLength(body) },
    });
    req.on('finish', () => (sent.writtenAt = Date.now()));
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        sent.status = res.statusCode;
        sent.connection = res.headers.connection;
        if (!JSON.parse(text).data?.placeOrder?.order) sent.error = `unexpected answer: ${text}`;
        resolve(sent);
      });
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ ...sent, error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ ...sent, error: error.code ?? error.message }));
    req.end(body);
  });
}

describe('orderline serve stopping on SIGTERM', { timeout: 60_000 }, () => {
  it('finishes every mutation already sent on keep-alive connections, and exits 0', async () => {
    const server = await startServeProcess({ args: ['--limit', 'mutations-per-minute=100000'] });
    cleanup(() => server.stop());
    const sent: Sent[] = [];
    let signalledAt = Infinity;

    // Each client sends its next mutation the moment the last is answered, until it is refused.
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; ; i++) {
          const result = await placeOrder(server, agent, `Client ${client} order ${i}`);
          sent.push(result);
          if (result.error || Date.now() - signalledAt > 20_000) return;
        }
      } finally {
        agent.destroy();
      }
    });
    await expect.poll(() => sent.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(CLIENTS * 5);
    server.child.kill('SIGTERM');
    signalledAt = Date.now();
    await Promise.all(clients);
    const exit = await finished(server.child);

    expect(exit.code).toBe(0);
    const answered = sent.filter((s) => !s.error);
    const failed = sent.filter((s) => s.error);
    expect(sent.filter((s) => s.writtenAt! < signalledAt && s.error)).toEqual([]);
    // Nothing that was sent got reset; a client's next request found the door shut and can go elsewhere.
    expect(failed.map((s) => s.error)).toEqual(Array(CLIENTS).fill('ECONNREFUSED'));
    expect(failed.every((s) => s.status === undefined)).toBe(true);
    // Requests that arrived during the stop were answered, and told the client to reconnect.
    expect(answered.some((s) => s.connection === 'close')).toBe(true);

    const db = new Database(join(server.database.dataDir, 'orderline.db'), { readonly: true });
    cleanup(() => db.close());
    const stored = new Set(db.prepare('SELECT customerName FROM "Order"').pluck().all() as string[]);
    expect(answered.filter((s) => !stored.has(s.name))).toEqual([]);
  });
});
