// The lifecycle written out a second time, by hand and in a different shape from
// shared/lifecycle.ts: the whole path of each order type as a list. Property tests check what the
// lifecycle module (and the order service built on it) produce against this, so a mistake in the
// module's transition table cannot also hide in the check.
import type { OrderStatus, OrderType } from '../../shared/lifecycle.ts';

const PATHS: Record<OrderType, OrderStatus[]> = {
  DINE_IN: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED'],
  TAKEOUT: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED'],
  DELIVERY: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'COMPLETED'],
};

/**
 * True when `statuses` is what an order of `type` may go through: the start of its path, one step
 * at a time, optionally ended by CANCELLED while it was not yet completed.
 */
export function isAllowedHistory(type: OrderType, statuses: readonly OrderStatus[]): boolean {
  const cancelled = statuses.at(-1) === 'CANCELLED';
  const walked = cancelled ? statuses.slice(0, -1) : statuses;
  if (walked.length === 0 || walked.length > PATHS[type].length) return false;
  if (!walked.every((status, i) => status === PATHS[type][i])) return false;
  return !cancelled || walked.at(-1) !== 'COMPLETED';
}
