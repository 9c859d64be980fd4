// A batch that runs into the server's limit on changes per token waits as the server asks and
// carries on, saying so on stderr, rather than failing half-way; nothing is applied twice.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import type { TestServer } from '../support/server.ts';
import { jsonLines, orderOnServer, withTestServer, type Orderline } from './support/orderline.ts';

const folder = mkdtempSync(join(tmpdir(), 'orderline-limited-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let server: TestServer;
let orderline: Orderline;

describe('a rate-limited batch', () => {
  withTestServer((started) => ({ server, orderline } = started), { settings: { limits: 'mutations-per-minute=2' } });

  it('waits for Retry-After and applies every change once', { timeout: 150_000 }, async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      // Placed as customers, so that the manager token's two changes a minute are all the batch's.
      const placed = await server.gql(PLACE_ORDER, { input: takeoutOrder() }, null);
      numbers.push(placed.data.placeOrder.order.number);
    }
    const file = join(folder, 'advance.jsonl');
    writeFileSync(file, numbers.map((order) => JSON.stringify({ order, action: 'advance' })).join('\n'));

    const run = await orderline.run(['orders', 'apply', file, '--json'], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^orderline: the server at \S+ says: too many changes with this token; try again in \d+ s; waiting \d+ s, then sending the same request again$/m);
    expect(jsonLines(run.stdout)).toHaveLength(3);
    for (const number of numbers) {
      const order = await orderOnServer(server, number);
      expect(order.status).toBe('CONFIRMED');
      expect(order.history).toHaveLength(2);
    }
  });
});
