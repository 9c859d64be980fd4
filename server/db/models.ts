// The rows Orderline stores, as Prisma types them: import model types from here, never from a
// generated client. Both clients are generated from the one schema (scripts/prisma.ts swaps only
// the provider), so the SQLite client's types stand for both databases; db/client.ts says why
// that is sound.
import type { Order, OrderItem, PrismaClient } from './generated/sqlite/client.ts';
import type { OrderStatus } from '../../shared/lifecycle.ts';

export type { ApiToken, MenuItem, Prisma, PrismaClient } from './generated/sqlite/client.ts';

/** An interactive transaction's client. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** An order with its items: what every read of an order returns. */
export type OrderWithItems = Order & { items: OrderItem[] };

/** The column that records when an order reached `status`. */
export const REACHED_AT = {
  PENDING: 'placedAt',
  CONFIRMED: 'confirmedAt',
  PREPARING: 'preparingAt',
  READY: 'readyAt',
  OUT_FOR_DELIVERY: 'outForDeliveryAt',
  COMPLETED: 'completedAt',
  CANCELLED: 'cancelledAt',
} as const satisfies Record<OrderStatus, keyof Order>;

/** The order's columns that hold a time: what JSON (Redis) and SQLite text carry as strings. */
export const ORDER_TIME_COLUMNS = ['placedAt', 'confirmedAt', 'preparingAt', 'readyAt', 'outForDeliveryAt', 'completedAt', 'cancelledAt', 'promisedAt', 'lateFlaggedAt', 'updatedAt'] as const satisfies readonly (keyof Order)[];
