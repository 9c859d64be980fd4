// The event log as the streams read it: committed OrderEvents, oldest first, with the order facts
// subscription filters need.
import type { PrismaClient } from '../db/client.ts';
import type { EventKind, EventMessage } from './message.ts';
import type { EventLog } from './stream.ts';
import type { OrderStatus, OrderType } from '../../shared/lifecycle.ts';

export const ORDER_FACTS = { select: { number: true, type: true, customerKeyHash: true, items: { select: { station: true } } } } as const;

interface EventRow {
  id: number;
  orderId: number;
  kind: EventKind;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actor: string;
  at: Date;
  payload: unknown;
  order: { number: number; type: OrderType; customerKeyHash: string | null; items: { station: string }[] };
}

export function toMessage(row: EventRow): EventMessage {
  const payload = (row.payload ?? {}) as { note?: string; itemIds?: number[]; station?: string; rush?: boolean };
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.order.number,
    orderType: row.order.type,
    stations: [...new Set(row.order.items.map((item) => item.station))].sort(),
    kind: row.kind,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    actor: row.actor,
    at: row.at.toISOString(),
    note: payload.note ?? null,
    itemIds: payload.itemIds ?? [],
    station: payload.station ?? null,
    rush: payload.rush ?? null,
    customerKeyHash: row.order.customerKeyHash,
  };
}

export function prismaEventLog(db: PrismaClient): EventLog {
  return {
    async after(after, limit) {
      const rows = await db.orderEvent.findMany({
        where: { id: { gt: after } },
        orderBy: { id: 'asc' },
        take: limit,
        include: { order: ORDER_FACTS },
      });
      return rows.map(toMessage);
    },
    async head() {
      return (await db.eventSequence.findUniqueOrThrow({ where: { id: 1 } })).lastId;
    },
  };
}
