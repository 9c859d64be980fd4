// What travels on the pub/sub bus for every committed OrderEvent. It carries the few order facts
// subscription filters need (number, type, stations), so filtering never costs a query.
import { ORDER_TIME_COLUMNS, type OrderWithItems } from '../db/models.ts';
import type { OrderStatus, OrderType } from '../../shared/lifecycle.ts';

export const EVENT_KINDS = ['PLACED', 'STATUS_CHANGED', 'CANCELLED', 'LATE', 'ITEMS_DONE', 'RECALLED', 'RUSH_CHANGED'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventMessage {
  /**
   * The event's id, which is also its cursor: a stream resumes right after it. On SQLite ids are
   * gap-free and commit in order; on PostgreSQL the log's order is (tx, id) (log.ts).
   */
  id: number;
  /** The writing transaction on PostgreSQL (xid8), the first part of the event's place in the log; 0 on SQLite. */
  tx: number;
  orderId: number;
  orderNumber: number;
  orderType: OrderType;
  stations: string[];
  kind: EventKind;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actor: string;
  /** ISO 8601; a string so the message survives JSON on Redis unchanged. */
  at: string;
  note: string | null;
  /** The items an ITEMS_DONE or RECALLED event changed, and the station whose bump it was. */
  itemIds: number[];
  station: string | null;
  /** The order's rush after a RUSH_CHANGED event. */
  rush: boolean | null;
  /**
   * The hash of the customer key the order was placed with, so a customer's channel knows its own
   * orders' events without a query. Only the hash: it grants nothing, and no field returns it.
   */
  customerKeyHash: string | null;
  /**
   * The order as this change committed it, so no subscriber reads it again. Only on live events,
   * and on events read from the log moments after the bus brought them (shared-log-reads.ts): an
   * older one replayed from the log has none (its order is read as it is now).
   */
  order?: OrderWithItems;
}

/** An event as it arrives over JSON (Redis): its order's times become Dates again. */
export function revived(event: EventMessage): EventMessage {
  const order = event.order as unknown as Record<string, unknown> & { items: { doneAt: unknown }[] } | undefined;
  if (!order || typeof order.placedAt !== 'string') return event;
  for (const column of ORDER_TIME_COLUMNS) if (typeof order[column] === 'string') order[column] = new Date(order[column]);
  for (const item of order.items) if (typeof item.doneAt === 'string') item.doneAt = new Date(item.doneAt);
  return event;
}

export interface EventFilter {
  statuses?: readonly OrderStatus[] | null;
  types?: readonly OrderType[] | null;
  stations?: readonly string[] | null;
}

/** True when `event` passes every part of `filter` that is set. */
export function matchesFilter(event: EventMessage, filter: EventFilter | null | undefined): boolean {
  if (!filter) return true;
  if (filter.statuses?.length && !(event.toStatus && filter.statuses.includes(event.toStatus))) return false;
  if (filter.types?.length && !filter.types.includes(event.orderType)) return false;
  if (filter.stations?.length && !event.stations.some((s) => filter.stations!.includes(s))) return false;
  return true;
}
