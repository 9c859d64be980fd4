// How many status changes a server process commits per second on embedded SQLite, through the
// order service (validation, versioned update, event append, idempotency record, publish), against
// a baseline measured in the same run: the same writes as one raw better-sqlite3 transaction,
// which is the ceiling the database itself allows on this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { SYSTEM } from '../server/auth/actor.ts';
import { openDatabase } from '../server/db/client.ts';
import { firstStart } from '../server/db/first-start.ts';
import { migrate } from '../server/db/migrate.ts';
import { resolveDatabaseTarget } from '../server/db/target.ts';
import { MemoryBus } from '../server/events/bus.ts';
import { kitchenSettingsOf, parseServerConfig, restaurantOf } from '../server/config.ts';
import { createServices } from '../server/services.ts';

const ORDERS = 400;
const CONCURRENCY = 8;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'orderline-bench-'));
  try {
    const target = resolveDatabaseTarget(undefined, dir);
    const db = await openDatabase(target);
    await migrate(target, { whileLocked: async () => void (await firstStart(db.write, { dataDir: dir })) });
    const config = parseServerConfig({});
    const services = createServices({ db, bus: new MemoryBus(), timeZone: 'UTC', kitchenSettings: kitchenSettingsOf(config), restaurant: restaurantOf(config), deliveryMinutes: config.deliveryMinutes, logger: pino({ level: 'silent' }) });
    const input = { customerName: 'Bench', type: 'TAKEOUT' as const, items: [{ menuItemId: 'cola', quantity: 1 }] };
    const ids: number[] = [];
    for (let i = 0; i < ORDERS * 2; i++) ids.push((await services.orders.placeOrder(input, SYSTEM)).order.id);

    const sequential = await rate(ORDERS, async (i) => {
      await services.orders.advance({ order: { id: ids[i]! }, idempotencyKey: `seq-${i}` }, SYSTEM);
    });
    const concurrent = await rate(ORDERS, async (i) => {
      await services.orders.advance({ order: { id: ids[ORDERS + i]! }, idempotencyKey: `con-${i}` }, SYSTEM);
    }, CONCURRENCY);
    await db.close();

    const raw = rawBaseline(join(dir, 'orderline.db'), ids);
    console.table([
      { path: 'raw better-sqlite3 transaction (baseline)', 'changes/s': Math.round(raw), 'vs baseline': '1.00×' },
      { path: 'order service, one at a time', 'changes/s': Math.round(sequential), 'vs baseline': `${(sequential / raw).toFixed(3)}×` },
      { path: `order service, ${CONCURRENCY} in flight`, 'changes/s': Math.round(concurrent), 'vs baseline': `${(concurrent / raw).toFixed(3)}×` },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rate(count: number, work: (i: number) => Promise<void>, concurrency = 1): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/** The same writes a status change makes, as one synchronous transaction: read, update, append. */
function rawBaseline(file: string, ids: number[]): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const read = db.prepare('SELECT id, version, status FROM "Order" WHERE id = ?');
  const update = db.prepare('UPDATE "Order" SET status = ?, version = version + 1, "preparingAt" = ? WHERE id = ? AND version = ?');
  const sequence = db.prepare('UPDATE "EventSequence" SET "lastId" = "lastId" + 1 WHERE id = 1 RETURNING "lastId"');
  const append = db.prepare('INSERT INTO "OrderEvent" (id, "orderId", kind, "fromStatus", "toStatus", actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const change = db.transaction((id: number) => {
    const order = read.get(id) as { version: number; status: string };
    update.run('PREPARING', new Date().toISOString(), id, order.version);
    const { lastId } = sequence.get() as { lastId: number };
    append.run(lastId, id, 'STATUS_CHANGED', order.status, 'PREPARING', 'bench', new Date().toISOString());
  });
  const started = performance.now();
  for (const id of ids) change(id);
  const perSecond = ids.length / ((performance.now() - started) / 1000);
  db.close();
  return perSecond;
}

await main();
