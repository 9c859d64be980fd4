// The storage operations the order service's writes are made of, behind one small interface, so the
// hot path need not go through Prisma's per-statement cost: on SQLite they are cached better-sqlite3
// statements with concurrent commands sharing one commit (sqlite-order-store.ts); on PostgreSQL
// node-postgres prepared statements (pg-order-store.ts). The service decides everything (planning,
// errors, idempotency, versions, retries); a store only reads and writes rows. Prisma stays the
// schema and migrations of record, and the client of every read and of every other write.
import type { IdempotencyKey, MenuItem, Order, OrderEvent, OrderItem } from './generated/sqlite/client.ts';
import type { OrderWithItems } from './models.ts';

/** The outcome an idempotency key recorded. */
export type StoredKey = Pick<IdempotencyKey, 'operation' | 'requestHash' | 'orderId' | 'eventId'>;

/** An order as placed: the columns that have no default. */
export type NewOrder = Pick<
  Order,
  | 'number'
  | 'businessDate'
  | 'trackingCode'
  | 'type'
  | 'customerName'
  | 'table'
  | 'address'
  | 'notes'
  | 'rush'
  | 'customerKeyHash'
  | 'prepMinutes'
  | 'placedAt'
  | 'promisedAt'
>;

export type NewItem = Pick<OrderItem, 'menuItemId' | 'name' | 'station' | 'unitPriceCents' | 'quantity' | 'notes'> & { modifiers: string[] };

/** An event row as written; `tx` (the writing transaction on PostgreSQL, 0 on SQLite) as a number. */
export type EventRow = Omit<OrderEvent, 'tx'> & { tx: number };

/** An event row to append; `payload` undefined stores no payload (NULL). The store sets `tx`. */
export type NewEventRow = Omit<EventRow, 'payload' | 'tx'> & { payload: Record<string, unknown> | undefined };

/** A dish as a placement needs it. */
export type Dish = Pick<MenuItem, 'id' | 'name' | 'station' | 'priceCents' | 'prepMinutes' | 'available'> & { modifiers: string[] };

/** The columns of an order a change writes. */
export type OrderColumns = Partial<Omit<Order, 'id'>>;

/** One transaction's reads and writes. Every method runs inside the transaction it was given by. */
export interface WriteTx {
  /** The dishes of the menu with these ids (an unknown id has none). */
  menuItems(ids: readonly string[]): Promise<Dish[]>;
  findKey(key: string): Promise<StoredKey | null>;
  insertKey(key: string, stored: StoredKey): Promise<void>;
  orderById(id: number): Promise<OrderWithItems | null>;
  /** The most recent order with that number. */
  orderByNumber(number: number): Promise<OrderWithItems | null>;
  /** The order's version and status now; throws when there is no such order. */
  orderState(id: number): Promise<Pick<Order, 'version' | 'status'>>;
  /** Writes `columns` only if the order is still at `version`; false when it is not. */
  updateOrderAtVersion(id: number, version: number, columns: OrderColumns): Promise<boolean>;
  setItemsDone(ids: number[], doneAt: Date | null): Promise<void>;
  /** The next order number of a business day, counting from 1. */
  nextOrderNumber(businessDate: string): Promise<number>;
  insertOrder(order: NewOrder, items: NewItem[]): Promise<OrderWithItems>;
  /** Sets lateFlaggedAt unless it is set or the order has left the kitchen; false when nothing changed. */
  flagLate(orderId: number, now: Date): Promise<boolean>;
  /**
   * Takes the next id of the event log: on SQLite from the EventSequence row, so ids are gap-free
   * and commit in order; on PostgreSQL from a sequence, which no other writer waits on.
   */
  nextEventId(): Promise<number>;
  /** On PostgreSQL, also records the writing transaction, which orders the log for readers. */
  insertEvent(event: NewEventRow): Promise<EventRow>;
}

export interface OrderStore {
  /**
   * Runs `work` in a transaction of its own (which may commit together with others'). `committed`
   * runs once the transaction has committed, before the returned promise settles; stores that
   * commit several transactions at once call it in commit order, so what it publishes goes out in
   * event id order.
   */
  transaction<T>(work: (tx: WriteTx) => Promise<T>, committed?: (result: T) => void): Promise<T>;
  /** Whether `error` is a unique constraint refusing a row (such as an idempotency key taken meanwhile). */
  isUniqueViolation(error: unknown): boolean;
  /** Waits for the transactions under way; later ones are refused. */
  close(): Promise<void>;
}
