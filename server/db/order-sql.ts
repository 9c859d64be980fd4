// The statements of the order stores (sqlite-order-store.ts, pg-order-store.ts), written once with
// `?` parameters: both databases take the same SQL here, and node-postgres numbers them ($1, $2…).
// Only what takes a list differs (reading dishes, marking items done): SQLite's JSON array against
// PostgreSQL's own arrays; and how an event gets its id and place in the log, which each store
// writes itself.
import { IN_KITCHEN } from '../../shared/lifecycle.ts';

/** A Dish's columns (order-store.ts); each store adds its own WHERE for a list of ids. */
export const SELECT_DISHES = 'SELECT id, name, station, "priceCents", "prepMinutes", available, modifiers FROM "MenuItem"';

export const ORDER_SQL = {
  findKey: 'SELECT operation, "requestHash", "orderId", "eventId" FROM "IdempotencyKey" WHERE key = ?',
  insertKey: 'INSERT INTO "IdempotencyKey" (key, operation, "requestHash", "orderId", "eventId", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
  orderById: 'SELECT * FROM "Order" WHERE id = ?',
  orderByNumber: 'SELECT * FROM "Order" WHERE number = ? ORDER BY id DESC LIMIT 1',
  items: 'SELECT * FROM "OrderItem" WHERE "orderId" = ? ORDER BY id',
  orderState: 'SELECT version, status FROM "Order" WHERE id = ?',
  nextOrderNumber:
    'INSERT INTO "OrderNumberCounter" ("businessDate", "lastNumber") VALUES (?, 1) ' +
    'ON CONFLICT ("businessDate") DO UPDATE SET "lastNumber" = "OrderNumberCounter"."lastNumber" + 1 RETURNING "lastNumber"',
  insertOrder:
    'INSERT INTO "Order" (number, "businessDate", "trackingCode", type, "customerName", "table", address, notes, rush, "customerKeyHash", "prepMinutes", "placedAt", "promisedAt", "updatedAt") ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *',
  insertItem: 'INSERT INTO "OrderItem" ("orderId", "menuItemId", name, station, "unitPriceCents", quantity, modifiers, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *',
  /** Parameters: lateFlaggedAt, updatedAt, id, then IN_KITCHEN. */
  flagLate: `UPDATE "Order" SET "lateFlaggedAt" = ?, "updatedAt" = ? WHERE id = ? AND "lateFlaggedAt" IS NULL AND status IN (${IN_KITCHEN.map(() => '?').join(', ')})`,
} as const;

/** A versioned update of these columns; parameters: the columns' values, then id and version. */
export function updateAtVersion(columns: readonly string[]): string {
  return `UPDATE "Order" SET ${columns.map((column) => `"${column}" = ?`).join(', ')} WHERE id = ? AND version = ?`;
}
