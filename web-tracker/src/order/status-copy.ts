// What the tracker says about an order, in plain words. Pure: times are formatted by the caller's
// locale through format.ts.
import { formatTime } from '../format.ts';
import type { OrderStatus, OrderType, TrackedOrder } from './documents.ts';
import { stepLabel } from './steps.ts';

const HEADLINES: Record<Exclude<OrderStatus, 'READY' | 'COMPLETED'>, string> = {
  PENDING: 'We’ve received your order',
  CONFIRMED: 'Your order is confirmed',
  PREPARING: 'Your order is being prepared',
  OUT_FOR_DELIVERY: 'Out for delivery',
  CANCELLED: 'Your order was cancelled',
};

const READY_HEADLINES: Record<OrderType, string> = {
  TAKEOUT: 'Ready for pickup!',
  DELIVERY: 'Ready, waiting for the courier',
  DINE_IN: 'Ready, on its way to your table',
};

/** The one line that says where the order is. */
export function statusHeadline(status: OrderStatus, type: OrderType): string {
  if (status === 'READY') return READY_HEADLINES[type];
  if (status === 'COMPLETED') return `${stepLabel(status, type)}. Enjoy your meal!`;
  return HEADLINES[status];
}

/** What a cancellation means for the customer, with the restaurant's reason when it gave one. */
export function cancellationMessage(order: Pick<TrackedOrder, 'number' | 'cancelledAt' | 'cancelReason'>, locale?: string): string {
  const when = order.cancelledAt ? ` at ${formatTime(order.cancelledAt, locale)}` : '';
  const why = order.cancelReason?.trim() ? ` The restaurant’s reason: “${order.cancelReason.trim()}”.` : '';
  return `The restaurant cancelled order ${order.number}${when}.${why} Nothing more will happen with it; if you have questions, please call the restaurant and give them your order number.`;
}
