// The order lifecycle. This module owns the transition table; every other part of Orderline (the
// server, the terminal clients, the web tracker) asks it rather than comparing statuses itself.
// Pure: no I/O, no clock.

export const ORDER_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'PREPARING',
  'READY',
  'OUT_FOR_DELIVERY',
  'COMPLETED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TYPES = ['DINE_IN', 'TAKEOUT', 'DELIVERY'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

const FINAL: ReadonlySet<OrderStatus> = new Set(['COMPLETED', 'CANCELLED']);

/** Statuses of tickets the kitchen still has to finish: a ticket leaves the kitchen at READY. */
export const IN_KITCHEN: OrderStatus[] = ['PENDING', 'CONFIRMED', 'PREPARING'];

/** The forward path of each order type, first step to last. */
const PATHS: Record<OrderType, readonly OrderStatus[]> = {
  DINE_IN: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED'],
  TAKEOUT: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED'],
  DELIVERY: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'COMPLETED'],
};

export function isFinal(status: OrderStatus): boolean {
  return FINAL.has(status);
}

/** The steps a customer sees for this type of order, in order (cancellation is not a step). */
export function stepsFor(type: OrderType): readonly OrderStatus[] {
  return PATHS[type];
}

/** The status one bump moves to, or null when the order cannot move forward. */
export function nextStatus(type: OrderType, from: OrderStatus): OrderStatus | null {
  if (isFinal(from)) return null;
  const path = PATHS[type];
  const at = path.indexOf(from);
  return at >= 0 && at + 1 < path.length ? (path[at + 1] ?? null) : null;
}

export type TransitionCheck =
  | { ok: true; noop: boolean }
  | { ok: false; reason: string };

/**
 * Whether an order of `type` may go from `from` to `to`. Setting the status it already has is
 * allowed and reported as a no-op; the reason for a refusal is written for the person who asked.
 */
export function checkTransition(type: OrderType, from: OrderStatus, to: OrderStatus): TransitionCheck {
  if (from === to) return { ok: true, noop: true };
  if (isFinal(from)) {
    return { ok: false, reason: `the order is already ${from}, a final status` };
  }
  if (to === 'CANCELLED') return { ok: true, noop: false };
  if (!PATHS[type].includes(to)) {
    return { ok: false, reason: `${humanType(type)} orders never go ${to}` };
  }
  const next = nextStatus(type, from);
  if (to === next) return { ok: true, noop: false };
  return {
    ok: false,
    reason: `${from} can only move to ${next} (or CANCELLED), not ${to}`,
  };
}

/** An order type in words: dine-in, takeout, delivery. */
export function humanType(type: OrderType): string {
  return { DINE_IN: 'dine-in', TAKEOUT: 'takeout', DELIVERY: 'delivery' }[type];
}
