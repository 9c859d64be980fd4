// The board facing the counter: order numbers being prepared and ready for pickup. Public, so it
// carries numbers only, never names. Only pickups: deliveries leave by courier and dine-in orders
// are brought to the table, so calling their numbers would only send people to the wrong place.
import type { PrismaClient } from '../db/client.ts';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';

export interface PickupBoard {
  at: Date;
  preparing: BoardEntry[];
  ready: BoardEntry[];
}

export interface BoardEntry {
  number: number;
  /** When the order reached its column: placed for "preparing", ready for "ready". */
  since: Date;
}

export async function readPickupBoard(db: PrismaClient, now: Date): Promise<PickupBoard> {
  const orders = await db.order.findMany({
    where: { status: { in: [...IN_KITCHEN, 'READY'] }, type: 'TAKEOUT' },
    select: { number: true, status: true, placedAt: true, readyAt: true },
    orderBy: { id: 'asc' },
  });
  return {
    at: now,
    preparing: orders.filter((o) => o.status !== 'READY').map((o) => ({ number: o.number, since: o.placedAt })),
    ready: orders
      .filter((o) => o.status === 'READY')
      .map((o) => ({ number: o.number, since: o.readyAt ?? o.placedAt }))
      .sort((a, b) => a.since.getTime() - b.since.getTime()),
  };
}
