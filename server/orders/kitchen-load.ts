// The kitchen's current load, read from the database for the ETA rules in domain/eta.ts.
import type { PrismaClient } from '../db/client.ts';
import { observedPace, queueOrder, type TrackedLoad } from '../domain/eta.ts';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';

/** Finished tickets this recent set the kitchen's pace. */
const PACE_WINDOW_MS = 2 * 60 * 60_000;
const PACE_SAMPLES = 30;

const TICKET_FIELDS = {
  id: true,
  status: true,
  placedAt: true,
  preparingAt: true,
  readyAt: true,
  prepMinutes: true,
  rush: true,
  version: true,
} as const;

export async function readKitchenLoad(db: PrismaClient, now: Date): Promise<TrackedLoad> {
  const [open, recent] = await Promise.all([
    db.order.findMany({ where: { status: { in: IN_KITCHEN } }, select: TICKET_FIELDS }),
    db.order.findMany({
      where: { readyAt: { gte: new Date(now.getTime() - PACE_WINDOW_MS) } },
      orderBy: { readyAt: 'desc' },
      take: PACE_SAMPLES,
      select: TICKET_FIELDS,
    }),
  ]);
  return {
    open: open.sort(queueOrder),
    recentPaces: recent.map(observedPace).filter((pace): pace is number => pace !== null),
    versions: new Map(open.map((ticket) => [ticket.id, ticket.version])),
  };
}
