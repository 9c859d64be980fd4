// The estimated ready time and the countdown to it. The estimate is the server's (kitchen load and
// recent pace); this only decides what to show at a given moment. Pure: the caller passes `now`.
import { clockDuration } from '../../../shared/duration.ts';
import { IN_KITCHEN } from '../../../shared/lifecycle.ts';
import { formatTime, minutes } from '../format.ts';
import type { TrackedOrder } from './documents.ts';

export type Estimate =
  | { kind: 'none' }
  | { kind: 'counting'; readyAt: string; remaining: string }
  /** The estimated time has come and the order is not ready yet. */
  | { kind: 'due'; readyAt: string };

export function estimate(order: Pick<TrackedOrder, 'status' | 'estimatedReadyAt'>, now: number): Estimate {
  // While the kitchen has the order, a ready time is worth counting down to.
  if (!IN_KITCHEN.includes(order.status) || !order.estimatedReadyAt) return { kind: 'none' };
  const left = Date.parse(order.estimatedReadyAt) - now;
  if (left <= 0) return { kind: 'due', readyAt: order.estimatedReadyAt };
  return { kind: 'counting', readyAt: order.estimatedReadyAt, remaining: formatRemaining(left) };
}

/**
 * "m:ss", or "h:mm:ss" from an hour. Rounds up, so the display reads 0:01 during the last second
 * and 0:00 only when the time has come.
 */
export function formatRemaining(ms: number): string {
  return clockDuration(Math.ceil(ms / 1000));
}

/** Said when the live estimate has slipped past the promise; null while on time. */
export function latenessMessage(order: Pick<TrackedOrder, 'status' | 'minutesLate'>): string | null {
  if (!IN_KITCHEN.includes(order.status) || order.minutesLate <= 0) return null;
  return `Running about ${minutes(order.minutesLate)} late`;
}

/** A slip this large, since the customer was last told, is news: announced and notified. */
export const SLIP_MINUTES = 3;

/**
 * What to tell the customer about lateness now, given the lateness they were last told of (0: on
 * time). A minute here and there only moves the estimate on screen; a slip of SLIP_MINUTES or more
 * is said, with the new time, so the estimate never rolls forward unremarked.
 */
export function slipNews(order: Pick<TrackedOrder, 'number' | 'status' | 'minutesLate' | 'estimatedReadyAt'>, told: number): { told: number; message: string | null } {
  const late = IN_KITCHEN.includes(order.status) ? order.minutesLate : 0;
  if (late < told) return { told: late, message: null };
  if (late - told < SLIP_MINUTES || !order.estimatedReadyAt) return { told, message: null };
  return { told: late, message: `Order ${order.number} is running about ${minutes(late)} late. New estimate ${formatTime(order.estimatedReadyAt)}.` };
}
