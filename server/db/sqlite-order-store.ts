// The order store on SQLite: cached better-sqlite3 statements on the write connection, and group
// commit. A status change through Prisma paid its client runtime, its query compiler and a fresh
// prepare for each of about eight statements (~730 changes/s where the database allows ~20,000).
//
// One writer drains the queued transactions into one SQLite transaction, each in a SAVEPOINT of its
// own: one that throws (a version conflict, a refused transition) rolls back only its own writes
// and fails only itself; the others commit together, sharing one WAL commit. Later transactions in
// a batch see what earlier ones wrote, exactly as if they had committed one after another, so event
// ids stay gap-free and in commit order.
//
// Rows are written as Prisma writes them, so Prisma reads them back unchanged (the read client, the
// event log): DateTime as ISO-8601 text with "+00:00" for "Z" (the adapter's default format, also
// what its range filters compare as text), Boolean as 0/1, Json as JSON.stringify text.
import type BetterSqlite3 from 'better-sqlite3';
import type { OrderItem } from './generated/sqlite/client.ts';
import { ORDER_TIME_COLUMNS, type OrderWithItems } from './models.ts';
import type { Dish, EventRow, NewEventRow, OrderColumns, OrderStore, StoredKey, WriteTx } from './order-store.ts';
import { ORDER_SQL, SELECT_DISHES, updateAtVersion } from './order-sql.ts';
import type { WriteLock } from './write-lock.ts';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';

/** Bounds how long one batch keeps the write lock and how much one failed COMMIT takes down. */
const MAX_BATCH = 256;

const ORDER_DATES = new Set<string>(ORDER_TIME_COLUMNS);

type Row = Record<string, unknown>;

interface Queued {
  work: (tx: WriteTx) => Promise<unknown>;
  committed: ((result: unknown) => void) | undefined;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

function toColumn(value: unknown): unknown {
  if (value instanceof Date) return sqliteTimestamp(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function dateOrNull(value: unknown): Date | null {
  return value == null ? null : new Date(value as string);
}

function orderOf(row: Row, items: OrderItem[]): OrderWithItems {
  const order: Row = {};
  for (const [column, value] of Object.entries(row)) order[column] = ORDER_DATES.has(column) ? dateOrNull(value) : value;
  order.rush = row.rush === 1;
  return { ...(order as Omit<OrderWithItems, 'items'>), items };
}

function itemOf(row: Row): OrderItem {
  return { ...(row as OrderItem), modifiers: JSON.parse(row.modifiers as string) as string[], doneAt: dateOrNull(row.doneAt) };
}

export class SqliteOrderStore implements OrderStore {
  readonly #db: BetterSqlite3.Database;
  readonly #lock: WriteLock;
  /** Prepared at the first transaction: the store is made before migrations create the tables. */
  #prepared: { sql: Statements; tx: WriteTx } | undefined;
  /** UPDATE statements by the columns they set: a handful of shapes, one per kind of change. */
  readonly #updates = new Map<string, BetterSqlite3.Statement>();
  #queue: Queued[] = [];
  #draining: Promise<void> | null = null;
  #closed = false;

  constructor(db: BetterSqlite3.Database, lock: WriteLock) {
    this.#db = db;
    this.#lock = lock;
  }

  transaction<T>(work: (tx: WriteTx) => Promise<T>, committed?: (result: T) => void): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the order store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, committed: committed as Queued['committed'], resolve: resolve as Queued['resolve'], reject });
      this.#draining ??= this.#drain();
    });
  }

  isUniqueViolation(error: unknown): boolean {
    const code = (error as { code?: string } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#draining;
  }

  async #drain(): Promise<void> {
    // Wait out this turn of the event loop: what the requests handled in it send joins the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        await this.#lock.run(() => this.#commit(batch));
      }
    } finally {
      this.#draining = null;
    }
  }

  /** Runs a batch in one transaction; settles every promise in it, and never throws. */
  async #commit(batch: Queued[]): Promise<void> {
    const done: { queued: Queued; result: unknown }[] = [];
    const failed: { queued: Queued; error: unknown }[] = [];
    let sql: Statements | undefined;
    try {
      this.#prepared ??= this.#prepare();
      sql = this.#prepared.sql;
      const { tx } = this.#prepared;
      sql.begin.run();
      for (const queued of batch) {
        sql.savepoint.run();
        let result: unknown;
        try {
          result = await queued.work(tx);
        } catch (error) {
          // SQLite itself rolled the whole transaction back (disk full, I/O error): nothing stays.
          if (!this.#db.inTransaction) throw error;
          sql.rollbackTo.run();
          sql.release.run();
          failed.push({ queued, error });
          continue;
        }
        sql.release.run();
        done.push({ queued, result });
      }
      sql.commit.run();
    } catch (error) {
      if (this.#db.inTransaction) sql?.rollback.run();
      const own = new Map(failed.map((entry) => [entry.queued, entry.error]));
      for (const queued of batch) queued.reject(own.get(queued) ?? error);
      return;
    }
    // In batch order, which is commit and event id order.
    for (const { queued, result } of done) {
      try {
        queued.committed?.(result);
        queued.resolve(result);
      } catch (error) {
        queued.reject(error);
      }
    }
    for (const { queued, error } of failed) queued.reject(error);
  }

  #update(columns: string[]): BetterSqlite3.Statement {
    const shape = columns.join(',');
    let statement = this.#updates.get(shape);
    if (!statement) this.#updates.set(shape, (statement = this.#db.prepare(updateAtVersion(columns))));
    return statement;
  }

  #prepare(): { sql: Statements; tx: WriteTx } {
    const sql = prepareStatements(this.#db);
    return { sql, tx: this.#writeTx(sql) };
  }

  #writeTx(sql: Statements): WriteTx {
    const withItems = (row: Row | undefined) => (row ? orderOf(row, (sql.items.all(row.id) as Row[]).map(itemOf)) : null);
    return {
      menuItems: async (ids) =>
        (sql.dishes.all(JSON.stringify(ids)) as Row[]).map((row) => ({ ...(row as Dish), available: row.available === 1, modifiers: JSON.parse(row.modifiers as string) as string[] })),
      findKey: async (key) => (sql.findKey.get(key) as StoredKey | undefined) ?? null,
      insertKey: async (key, { operation, requestHash, orderId, eventId }) => {
        // createdAt is Prisma's @default(now()): the wall clock, not the service's clock.
        sql.insertKey.run(key, operation, requestHash, orderId, eventId, sqliteTimestamp(new Date()));
      },
      orderById: async (id) => withItems(sql.orderById.get(id) as Row | undefined),
      orderByNumber: async (number) => withItems(sql.orderByNumber.get(number) as Row | undefined),
      orderState: async (id) => {
        const state = sql.orderState.get(id) as { version: number; status: OrderWithItems['status'] } | undefined;
        if (!state) throw new Error(`order ${id} is gone`);
        return state;
      },
      updateOrderAtVersion: async (id, version, columns: OrderColumns) => {
        const names = Object.keys(columns) as (keyof OrderColumns)[];
        return this.#update(names).run(...names.map((name) => toColumn(columns[name])), id, version).changes > 0;
      },
      setItemsDone: async (ids, doneAt) => {
        const at = doneAt && sqliteTimestamp(doneAt);
        for (const id of ids) sql.itemDone.run(at, id);
      },
      nextOrderNumber: async (businessDate) => (sql.nextOrderNumber.get(businessDate) as { lastNumber: number }).lastNumber,
      insertOrder: async (order, items) => {
        const row = sql.insertOrder.get(
          order.number,
          order.businessDate,
          order.trackingCode,
          order.type,
          order.customerName,
          order.table,
          order.address,
          order.notes,
          toColumn(order.rush),
          order.customerKeyHash,
          order.prepMinutes,
          sqliteTimestamp(order.placedAt),
          sqliteTimestamp(order.promisedAt),
          // Prisma's @updatedAt: the wall clock at the write.
          sqliteTimestamp(new Date()),
        ) as Row;
        const stored = items.map((item) =>
          itemOf(sql.insertItem.get(row.id, item.menuItemId, item.name, item.station, item.unitPriceCents, item.quantity, JSON.stringify(item.modifiers), item.notes) as Row),
        );
        return orderOf(row, stored);
      },
      // As Prisma's updateMany did, updatedAt takes the wall clock (@updatedAt).
      flagLate: async (orderId, now) => sql.flagLate.run(sqliteTimestamp(now), sqliteTimestamp(new Date()), orderId, ...IN_KITCHEN).changes > 0,
      nextEventId: async () => {
        const row = sql.nextEventId.get() as { lastId: number } | undefined;
        if (!row) throw new Error('the EventSequence row is missing');
        return row.lastId;
      },
      insertEvent: async (event: NewEventRow): Promise<EventRow> => {
        const payload = event.payload === undefined ? null : JSON.stringify(event.payload);
        sql.insertEvent.run(event.id, event.orderId, event.kind, event.fromStatus, event.toStatus, event.actor, sqliteTimestamp(event.at), payload);
        return { ...event, tx: 0, payload: (event.payload ?? null) as EventRow['payload'] };
      },
    };
  }
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: BetterSqlite3.Database) {
  // The connection is Prisma's, which reads integers as BigInt; these rows hold small ones.
  const read = (sql: string) => db.prepare(sql).safeIntegers(false);
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    savepoint: db.prepare('SAVEPOINT command'),
    release: db.prepare('RELEASE command'),
    rollbackTo: db.prepare('ROLLBACK TO command'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    dishes: read(`${SELECT_DISHES} WHERE id IN (SELECT value FROM json_each(?))`),
    findKey: read(ORDER_SQL.findKey),
    insertKey: db.prepare(ORDER_SQL.insertKey),
    orderById: read(ORDER_SQL.orderById),
    orderByNumber: read(ORDER_SQL.orderByNumber),
    items: read(ORDER_SQL.items),
    orderState: read(ORDER_SQL.orderState),
    itemDone: db.prepare('UPDATE "OrderItem" SET "doneAt" = ? WHERE id = ?'),
    nextOrderNumber: read(ORDER_SQL.nextOrderNumber),
    insertOrder: read(ORDER_SQL.insertOrder),
    insertItem: read(ORDER_SQL.insertItem),
    flagLate: db.prepare(ORDER_SQL.flagLate),
    // The event log's own: the gap-free EventSequence row, and tx left at 0 (PostgreSQL records its transaction).
    nextEventId: read('UPDATE "EventSequence" SET "lastId" = "lastId" + 1 WHERE id = 1 RETURNING "lastId"'),
    insertEvent: db.prepare('INSERT INTO "OrderEvent" (id, "orderId", kind, "fromStatus", "toStatus", actor, at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
  };
}
