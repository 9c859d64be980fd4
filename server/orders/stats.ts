// Live statistics for managers: the queue by status and how today is going.
import type { PrismaClient } from '../db/client.ts';
import { businessDate } from '../domain/business-day.ts';
import { IN_KITCHEN, isFinal, ORDER_STATUSES, type OrderStatus } from '../../shared/lifecycle.ts';

const FINISHED = ORDER_STATUSES.filter(isFinal);

export interface Stats {
  at: Date;
  businessDate: string;
  /** Orders in each status: every unfinished order, and today's finished ones. */
  byStatus: { status: OrderStatus; count: number }[];
  open: number;
  placedToday: number;
  completedToday: number;
  cancelledToday: number;
  /** Orders still in the kitchen past their promised time. */
  late: number;
  /** Mean minutes from placing to ready, over today's orders that reached ready. */
  averageReadyMinutes: number | null;
}

export async function readStats(db: PrismaClient, now: Date, timeZone: string): Promise<Stats> {
  const today = businessDate(now, timeZone);
  const [grouped, placedToday, late, readyToday] = await Promise.all([
    db.order.groupBy({
      by: ['status'],
      where: { OR: [{ status: { notIn: FINISHED } }, { businessDate: today }] },
      _count: { _all: true },
    }),
    db.order.count({ where: { businessDate: today } }),
    db.order.count({ where: { status: { in: IN_KITCHEN }, promisedAt: { lt: now } } }),
    db.order.findMany({ where: { businessDate: today, readyAt: { not: null } }, select: { placedAt: true, readyAt: true } }),
  ]);
  const counts = new Map(grouped.map((row) => [row.status, row._count._all]));
  const count = (status: OrderStatus) => counts.get(status) ?? 0;
  const readyMinutes = readyToday.map((o) => (o.readyAt!.getTime() - o.placedAt.getTime()) / 60_000);
  return {
    at: now,
    businessDate: today,
    byStatus: ORDER_STATUSES.map((status) => ({ status, count: count(status) })),
    open: ORDER_STATUSES.filter((s) => !isFinal(s)).reduce((sum, s) => sum + count(s), 0),
    placedToday,
    completedToday: count('COMPLETED'),
    cancelledToday: count('CANCELLED'),
    late,
    averageReadyMinutes: readyMinutes.length
      ? Math.round((readyMinutes.reduce((a, b) => a + b, 0) / readyMinutes.length) * 10) / 10
      : null,
  };
}
