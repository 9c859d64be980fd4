// The order store on PostgreSQL through node-postgres: one pooled connection per transaction and
// named prepared statements (parsed once per connection), where Prisma paid its client runtime and
// query compiler for every statement. Concurrent transactions commit side by side, in this process
// and others: event ids come from a sequence, and each event records its transaction, which is what
// orders the log for readers (server/events/log.ts). The EventSequence row used to hand out ids,
// locked by its UPDATE until the commit, so every writer of every process waited for the one before.
//
// Rows are written as Prisma writes them, so Prisma reads them back unchanged: TIMESTAMP(3)
// columns (without time zone) hold UTC, Json is jsonb, enums are PostgreSQL enums.
import pg from 'pg';
import type { Order, OrderItem } from './generated/sqlite/client.ts';
import type { OrderWithItems } from './models.ts';
import type { Dish, EventRow, OrderColumns, OrderStore, StoredKey, WriteTx } from './order-store.ts';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';
import { ORDER_SQL, SELECT_DISHES, updateAtVersion } from './order-sql.ts';

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

/**
 * A Date as a timestamp without time zone holds it: its UTC wall time (PostgreSQL ignores the "Z").
 * node-postgres would send local time with an offset, which such a column drops.
 */
function utc(date: Date | null): string | null {
  return date && date.toISOString();
}

function toParameter(value: unknown): unknown {
  return value instanceof Date ? utc(value) : value;
}

/** Parses timestamps without time zone as UTC, for this pool only (pg.types is process-wide). */
function typeParser(oid: number, format: 'text' | 'binary' = 'text'): (value: string) => unknown {
  if (oid === TIMESTAMP_WITHOUT_TIME_ZONE && format === 'text') return (value) => new Date(`${value.replace(' ', 'T')}Z`);
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

export function pgPool(url: string, schema: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    // The schema is checked to be a plain identifier (target.ts).
    options: `-c search_path="${schema}"`,
    types: { getTypeParser: typeParser },
  });
  // An idle connection the server dropped: the pool discards it and opens another when asked.
  pool.on('error', () => {});
  return pool;
}

/** node-postgres numbers its parameters: each `?` of ORDER_SQL becomes $1, $2… in turn. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const STATEMENTS = {
  ...(Object.fromEntries(Object.entries(ORDER_SQL).map(([name, sql]) => [name, numbered(sql)])) as Record<keyof typeof ORDER_SQL, string>),
  itemsDone: 'UPDATE "OrderItem" SET "doneAt" = $1 WHERE id = ANY($2::int[])',
  nextEventId: `SELECT nextval('"OrderEvent_id_seq"')::int AS id`,
  // The transaction's id (xid8, as bigint) is the first part of the event's place in the log.
  insertEvent:
    'INSERT INTO "OrderEvent" (id, "orderId", kind, "fromStatus", "toStatus", actor, at, payload, tx) ' +
    'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, pg_current_xact_id()::text::bigint) RETURNING tx::text',
  dishes: `${SELECT_DISHES} WHERE id = ANY($1::text[])`,
};

export class PgOrderStore implements OrderStore {
  readonly #pool: pg.Pool;
  /** UPDATE statements by the columns they set, each named by its number (names are cut at 63 bytes). */
  readonly #updates = new Map<string, { name: string; text: string }>();
  #closed = false;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async transaction<T>(work: (tx: WriteTx) => Promise<T>, committed?: (result: T) => void): Promise<T> {
    if (this.#closed) throw new Error('the order store is closed');
    const client = await this.#pool.connect();
    // The pool listens for errors only on idle connections: one cut while this transaction holds
    // it would otherwise be an uncaught exception. Its statements fail with the error anyway.
    const cut = () => {};
    client.on('error', cut);
    const release = (broken?: Error) => {
      client.off('error', cut);
      client.release(broken);
    };
    let result: T;
    try {
      await client.query('BEGIN');
      result = await work(this.#writeTx(client));
      await client.query('COMMIT');
    } catch (error) {
      // A connection that cannot even roll back is not given to anyone else.
      release(
        await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        ),
      );
      throw error;
    }
    release();
    committed?.(result);
    return result;
  }

  isUniqueViolation(error: unknown): boolean {
    return (error as { code?: string } | null)?.code === '23505';
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#pool.end();
  }

  #update(columns: string[]): { name: string; text: string } {
    const shape = columns.join(',');
    let statement = this.#updates.get(shape);
    if (!statement) this.#updates.set(shape, (statement = { name: `order-update-${this.#updates.size}`, text: numbered(updateAtVersion(columns)) }));
    return statement;
  }

  #writeTx(client: pg.PoolClient): WriteTx {
    const run = async <R extends pg.QueryResultRow>(name: keyof typeof STATEMENTS, values: unknown[]) =>
      client.query<R>({ name, text: STATEMENTS[name], values });
    const withItems = async (order: Order | undefined): Promise<OrderWithItems | null> =>
      order ? { ...order, items: (await run<OrderItem>('items', [order.id])).rows } : null;
    return {
      menuItems: async (ids) => (await run<Dish>('dishes', [ids])).rows,
      findKey: async (key) => (await run<StoredKey>('findKey', [key])).rows[0] ?? null,
      // createdAt is Prisma's @default(now()), in UTC; the column's own default would be the session's local time.
      insertKey: async (key, { operation, requestHash, orderId, eventId }) => void (await run('insertKey', [key, operation, requestHash, orderId, eventId, utc(new Date())])),
      orderById: async (id) => withItems((await run<Order>('orderById', [id])).rows[0]),
      orderByNumber: async (number) => withItems((await run<Order>('orderByNumber', [number])).rows[0]),
      orderState: async (id) => {
        const state = (await run<Pick<Order, 'version' | 'status'>>('orderState', [id])).rows[0];
        if (!state) throw new Error(`order ${id} is gone`);
        return state;
      },
      updateOrderAtVersion: async (id, version, columns: OrderColumns) => {
        const names = Object.keys(columns) as (keyof OrderColumns)[];
        const { rowCount } = await client.query({ ...this.#update(names), values: [...names.map((name) => toParameter(columns[name])), id, version] });
        return (rowCount ?? 0) > 0;
      },
      setItemsDone: async (ids, doneAt) => void (await run('itemsDone', [utc(doneAt), ids])),
      nextOrderNumber: async (businessDate) => (await run<{ lastNumber: number }>('nextOrderNumber', [businessDate])).rows[0]!.lastNumber,
      insertOrder: async (order, items) => {
        const values = [order.number, order.businessDate, order.trackingCode, order.type, order.customerName, order.table, order.address, order.notes, order.rush, order.customerKeyHash, order.prepMinutes];
        // updatedAt is Prisma's @updatedAt: the wall clock at the write.
        const row = (await run<Order>('insertOrder', [...values, utc(order.placedAt), utc(order.promisedAt), utc(new Date())])).rows[0]!;
        const stored: OrderItem[] = [];
        for (const item of items) {
          const values = [row.id, item.menuItemId, item.name, item.station, item.unitPriceCents, item.quantity, JSON.stringify(item.modifiers), item.notes];
          stored.push((await run<OrderItem>('insertItem', values)).rows[0]!);
        }
        return { ...row, items: stored };
      },
      // As Prisma's updateMany did, updatedAt takes the wall clock (@updatedAt).
      flagLate: async (orderId, now) => ((await run('flagLate', [utc(now), utc(new Date()), orderId, ...IN_KITCHEN])).rowCount ?? 0) > 0,
      nextEventId: async () => (await run<{ id: number }>('nextEventId', [])).rows[0]!.id,
      insertEvent: async (event): Promise<EventRow> => {
        const payload = event.payload === undefined ? null : JSON.stringify(event.payload);
        const { rows } = await run<{ tx: string }>('insertEvent', [event.id, event.orderId, event.kind, event.fromStatus, event.toStatus, event.actor, utc(event.at), payload]);
        return { ...event, tx: Number(rows[0]!.tx), payload: (event.payload ?? null) as EventRow['payload'] };
      },
    };
  }
}
