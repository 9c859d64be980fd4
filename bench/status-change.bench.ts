// How many status changes and order placements a server process commits per second through the
// order service (validation, versioned update, event append, idempotency record, publish), with
// 1, 8 and 32 writes in flight, against a baseline measured in the same run: the same rows written
// as one raw transaction (better-sqlite3; pg on PostgreSQL), the ceiling the database itself
// allows on this machine. Embedded SQLite always; PostgreSQL too when DATABASE_URL names one
// (the bench works in a fresh schema of its own and drops it afterwards).
//   npm run bench -- [--quick] status-change
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench -- status-change
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { SYSTEM } from '../server/auth/actor.ts';
import { kitchenSettingsOf, parseServerConfig, restaurantOf } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { firstStart } from '../server/db/first-start.ts';
import { migrate } from '../server/db/migrate.ts';
import { resolveDatabaseTarget, type DatabaseTarget } from '../server/db/target.ts';
import { MemoryBus } from '../server/events/bus.ts';
import { createServices } from '../server/services.ts';
import { loadNote } from './support/machine.ts';
import { QUICK, ratio, report, type Row } from './support/report.ts';

/** Writes per row of the table. */
const COUNT = QUICK ? 100 : 400;
const IN_FLIGHT = [1, 8, 32];
const ITEMS = [
  { menuItemId: 'cheeseburger', quantity: 1 },
  { menuItemId: 'fries', quantity: 2 },
];

type Write = 'order placed' | 'status change';

interface Figure {
  write: Write;
  inFlight: number;
  perSecond: number;
}

async function main() {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'orderline-bench-'));
  try {
    const target = resolveDatabaseTarget(undefined, dir) as Extract<DatabaseTarget, { provider: 'sqlite' }>;
    rows.push(...(await compare(target, dir, 'SQLite', [{ path: 'raw better-sqlite3 transaction', open: () => sqliteDriver(target.file) }])));
    const postgres = process.env.DATABASE_URL;
    if (postgres && /^postgres(ql)?:\/\//.test(postgres)) {
      const schema = `bench_${randomBytes(6).toString('hex')}`;
      const url = new URL(postgres);
      url.searchParams.set('schema', schema);
      const target = resolveDatabaseTarget(url.toString(), dir) as Extract<DatabaseTarget, { provider: 'postgresql' }>;
      try {
        rows.push(
          ...(await compare(target, dir, 'PostgreSQL', [
            { path: 'raw pg transaction', open: () => postgresDriver(target, SEQUENCE) },
            // What every writer did before: take the id from the row, which stays locked until the commit.
            { path: 'raw pg, ids from the EventSequence row (before)', open: () => postgresDriver(target, SEQUENCE_ROW_AFTER_THE_SEQUENCE) },
          ])),
        );
      } finally {
        const admin = new pg.Client({ connectionString: target.url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report('status-change', rows, [
    `${COUNT} writes per row. A status change is advance (PENDING → CONFIRMED) with an idempotency key; the raw one does the same reads and writes:`,
    '  key lookup, order and items read, versioned update, event id, event insert, key insert.',
    'An order placed: menu read, key lookup, counter upsert, order insert, 2 item inserts, event id, event insert, key insert.',
    'Event ids: on SQLite the EventSequence row; on PostgreSQL a sequence, with the transaction recorded (the row, locked until commit, is the "before" row).',
    'The order service also reads the kitchen load for the promised time (a cache renewed after each event), which the raw one does not.',
    'better-sqlite3 is synchronous: its baseline runs one at a time, the most one connection can do; pg runs each in-flight count on a pool of 10, as Prisma does.',
    process.env.DATABASE_URL ? '' : 'PostgreSQL not measured: set DATABASE_URL=postgresql://… to add it.',
    loadNote(),
  ].filter(Boolean));
}

interface Baseline {
  path: string;
  open: () => RawDriver;
}

/**
 * The service's figures on `target`, then each raw driver's on the same database, as table rows,
 * every one against the first raw driver's.
 */
async function compare(target: DatabaseTarget, dataDir: string, database: string, baselines: Baseline[]): Promise<Row[]> {
  const service = await measureService(target, dataDir);
  const raws: { path: string; figures: Figure[] }[] = [];
  for (const { path, open } of baselines) raws.push({ path, figures: await measureRaw(open()) });
  const [baseline] = raws;
  // Against the raw driver at the same number in flight; better-sqlite3 has only one.
  const baselineOf = (figure: Figure) =>
    baseline!.figures.find((b) => b.write === figure.write && b.inFlight === figure.inFlight) ?? baseline!.figures.find((b) => b.write === figure.write)!;
  const row = (path: string, figure: Figure): Row => ({
    database,
    write: figure.write,
    path,
    'in flight': figure.inFlight,
    'per s': Math.round(figure.perSecond),
    'vs baseline': ratio(figure.perSecond, baselineOf(figure).perSecond),
  });
  return (['order placed', 'status change'] as const).flatMap((write) => [
    ...raws.flatMap(({ path, figures }, i) => figures.filter((f) => f.write === write).map((f) => row(i ? path : `${path} (baseline)`, f))),
    ...service.filter((s) => s.write === write).map((s) => row('order service', s)),
  ]);
}

/** COUNT raw placements at each in-flight count, then a status change of each order placed. */
async function measureRaw(raw: RawDriver): Promise<Figure[]> {
  const figures: Figure[] = [];
  const ids: number[] = []; // the orders placed, changed in the same order
  try {
    for (const write of ['order placed', 'status change'] as const) {
      for (const [round, inFlight] of raw.inFlight.entries()) {
        const perSecond = await rate(COUNT, inFlight, async (i) => {
          if (write === 'order placed') ids.push(await raw.run(placement(randomUUID(), raw.events)));
          else await raw.run(statusChange(ids[round * COUNT + i]!, randomUUID(), raw.events));
        });
        figures.push({ write, inFlight, perSecond });
      }
    }
  } finally {
    await raw.close();
  }
  return figures;
}

/** Places COUNT orders at each in-flight count, then advances each of them once, the same way. */
async function measureService(target: DatabaseTarget, dataDir: string): Promise<Figure[]> {
  const db = await openDatabase(target);
  try {
    await migrate(target, { whileLocked: async () => void (await firstStart(db.write, { dataDir })) });
    const config = parseServerConfig({});
    const services = createServices({ db, bus: new MemoryBus(), timeZone: 'UTC', kitchenSettings: kitchenSettingsOf(config), restaurant: restaurantOf(config), deliveryMinutes: config.deliveryMinutes, logger: pino({ level: 'silent' }) });
    const input = { customerName: 'Bench', type: 'TAKEOUT' as const, items: ITEMS };
    const figures: Figure[] = [];
    const ids: number[] = [];
    for (const inFlight of IN_FLIGHT) {
      const perSecond = await rate(COUNT, inFlight, async () => {
        ids.push((await services.orders.placeOrder(input, SYSTEM, randomUUID())).order.id);
      });
      figures.push({ write: 'order placed', inFlight, perSecond });
    }
    for (const [round, inFlight] of IN_FLIGHT.entries()) {
      const perSecond = await rate(COUNT, inFlight, async (i) => {
        await services.orders.advance({ order: { id: ids[round * COUNT + i]! }, idempotencyKey: randomUUID() }, SYSTEM);
      });
      figures.push({ write: 'status change', inFlight, perSecond });
    }
    return figures;
  } finally {
    await db.close();
  }
}

/** Runs work(0 … count-1) with `concurrency` of them in flight; returns how many finished per second. */
async function rate(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

// The raw transactions, written once for both databases as a sequence of statements: each yield
// hands a driver one statement (`?` placeholders) and gets its rows back.
type Rows = Record<string, unknown>[];
type Script<T> = Generator<{ sql: string; params: unknown[] }, T, Rows>;

const sql = (text: string, ...params: unknown[]) => ({ sql: text, params });

/** How a raw transaction takes its event's id and appends it. */
interface EventAppend {
  nextId: string;
  insert: string;
}

const EVENT_COLUMNS = 'id, "orderId", kind, "fromStatus", "toStatus", actor, at';
const SEQUENCE_ROW: EventAppend = {
  nextId: 'UPDATE "EventSequence" SET "lastId" = "lastId" + 1 WHERE id = 1 RETURNING "lastId" AS id',
  insert: `INSERT INTO "OrderEvent" (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
};
const SEQUENCE: EventAppend = {
  nextId: `SELECT nextval('"OrderEvent_id_seq"')::int AS id`,
  insert: `INSERT INTO "OrderEvent" (${EVENT_COLUMNS}, tx) VALUES (?, ?, ?, ?, ?, ?, ?, pg_current_xact_id()::text::bigint) RETURNING *`,
};
/** The row, in a schema whose sequence has handed out ids already: counting from far above them. */
const SEQUENCE_ROW_AFTER_THE_SEQUENCE: EventAppend = {
  ...SEQUENCE_ROW,
  nextId: 'UPDATE "EventSequence" SET "lastId" = GREATEST("lastId", 1000000000) + 1 WHERE id = 1 RETURNING "lastId" AS id',
};

/** What OrderService.placeOrder writes for a takeout of ITEMS; returns the order's id. */
function* placement(key: string, events: EventAppend): Script<number> {
  const now = new Date().toISOString();
  const dishes = yield sql('SELECT id, name, station, "priceCents", "prepMinutes", modifiers, available FROM "MenuItem" WHERE id IN (?, ?)', ...ITEMS.map((item) => item.menuItemId));
  yield sql('SELECT * FROM "IdempotencyKey" WHERE key = ?', key);
  const [counter] = yield sql(
    'INSERT INTO "OrderNumberCounter" ("businessDate", "lastNumber") VALUES (?, 1) ON CONFLICT ("businessDate") DO UPDATE SET "lastNumber" = "OrderNumberCounter"."lastNumber" + 1 RETURNING "lastNumber"',
    now.slice(0, 10),
  );
  const [order] = yield sql(
    'INSERT INTO "Order" (number, "businessDate", "trackingCode", type, status, "customerName", rush, "prepMinutes", version, "placedAt", "promisedAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id',
    counter!.lastNumber, now.slice(0, 10), randomUUID(), 'TAKEOUT', 'PENDING', 'Bench', false, 10, now, now, now,
  );
  for (const [i, item] of ITEMS.entries()) {
    const dish = dishes.find((d) => d.id === item.menuItemId)!;
    yield sql(
      'INSERT INTO "OrderItem" ("orderId", "menuItemId", name, station, "unitPriceCents", quantity, modifiers) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *',
      order!.id, dish.id, dish.name, dish.station, dish.priceCents, ITEMS[i]!.quantity, '[]',
    );
  }
  const eventId = yield* appendEvent(events, order!.id as number, 'PLACED', null, 'PENDING', now);
  yield sql('INSERT INTO "IdempotencyKey" (key, operation, "requestHash", "orderId", "eventId", "createdAt") VALUES (?, ?, ?, ?, ?, ?)', key, 'placeOrder', key, order!.id, eventId, now);
  return order!.id as number;
}

/** What OrderService.advance writes to take an order from PENDING to CONFIRMED. */
function* statusChange(id: number, key: string, events: EventAppend): Script<number> {
  const now = new Date().toISOString();
  yield sql('SELECT * FROM "IdempotencyKey" WHERE key = ?', key);
  const [order] = yield sql('SELECT * FROM "Order" WHERE id = ?', id);
  yield sql('SELECT * FROM "OrderItem" WHERE "orderId" = ?', id);
  yield sql('UPDATE "Order" SET status = ?, "confirmedAt" = ?, version = ?, "updatedAt" = ? WHERE id = ? AND version = ?', 'CONFIRMED', now, (order!.version as number) + 1, now, id, order!.version);
  const eventId = yield* appendEvent(events, id, 'STATUS_CHANGED', 'PENDING', 'CONFIRMED', now);
  yield sql('INSERT INTO "IdempotencyKey" (key, operation, "requestHash", "orderId", "eventId", "createdAt") VALUES (?, ?, ?, ?, ?, ?)', key, 'advance', key, id, eventId, now);
  return id;
}

function* appendEvent(events: EventAppend, orderId: number, kind: string, from: string | null, to: string, now: string): Script<number> {
  const [next] = yield sql(events.nextId);
  const id = next!.id as number;
  yield sql(events.insert, id, orderId, kind, from, to, 'system', now);
  return id;
}

interface RawDriver {
  /** The in-flight counts worth measuring with this driver. */
  inFlight: number[];
  events: EventAppend;
  /** Runs the script as one transaction. */
  run<T>(script: Script<T>): Promise<T>;
  close(): Promise<void>;
}

/** One connection, as the server has, with the server's pragmas; statements prepared once. */
function sqliteDriver(file: string): RawDriver {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const prepared = new Map<string, Database.Statement>();
  const transaction = db.transaction((script: Script<unknown>): unknown => {
    for (let step = script.next([]); ; ) {
      if (step.done) return step.value;
      const { sql, params } = step.value;
      let statement = prepared.get(sql);
      if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
      // better-sqlite3 binds no booleans; SQLite stores them as 0 and 1.
      const values = params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
      step = script.next(statement.reader ? (statement.all(...values) as Rows) : (statement.run(...values), []));
    }
  });
  return { inFlight: [1], events: SEQUENCE_ROW, run: async <T>(script: Script<T>) => transaction(script) as T, close: async () => void db.close() };
}

/** A pool of 10 connections, as the server's Prisma adapter has, in the bench's schema. */
function postgresDriver(target: Extract<DatabaseTarget, { provider: 'postgresql' }>, events: EventAppend): RawDriver {
  const pool = new pg.Pool({ connectionString: target.url, max: 10, options: `-c search_path="${target.schema}"` });
  const numbered = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  return {
    inFlight: IN_FLIGHT,
    events,
    async run(script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (let step = script.next([]); ; ) {
          if (step.done) {
            await client.query('COMMIT');
            return step.value;
          }
          step = script.next((await client.query(numbered(step.value.sql), step.value.params)).rows as Rows);
        }
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

await main();
