// Notices tickets that pass their promised time and records it once, as a LATE event, which
// becomes a staff notification. Every server process may run it: flagLate is conditional, so
// only one of them records each late ticket.
import { IN_KITCHEN } from '../../shared/lifecycle.ts';
import type { Services } from '../services.ts';

export const LATE_CHECK_MS = 15_000;

export interface LateWatch {
  /** One pass now; resolves when it is done. */
  check(): Promise<void>;
  stop(): Promise<void>;
}

export function startLateWatch(services: Services, intervalMs = LATE_CHECK_MS): LateWatch {
  let running: Promise<void> | undefined;
  const check = () => {
    running ??= (async () => {
      const overdue = await services.db.read.order.findMany({
        where: { status: { in: IN_KITCHEN }, lateFlaggedAt: null, promisedAt: { lt: services.clock() } },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: 100,
      });
      for (const { id } of overdue) await services.orders.flagLate(id);
    })()
      .catch((error) => services.logger.warn({ err: error }, 'checking for late tickets failed'))
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
