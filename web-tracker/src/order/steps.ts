// The steps a customer sees, from the server's `steps` (the path for the order's type, each DONE,
// CURRENT or UPCOMING). Every state is a word and an icon, never a colour alone. Pure: no React,
// no clock.
import type { OrderStatus, OrderType, TrackedOrder } from './documents.ts';

export type StepMark = 'done' | 'current' | 'upcoming' | 'cancelled';

export interface StepView {
  status: OrderStatus;
  label: string;
  mark: StepMark;
  /** The state in words, shown beside the label ("Now") and read by screen readers. */
  stateText: string;
  /** Decorative: the state is also in `stateText`. */
  icon: string;
  reachedAt: string | null;
}

const MARKS: Record<StepMark, { stateText: string; icon: string }> = {
  done: { stateText: 'Done', icon: '✓' },
  current: { stateText: 'Now', icon: '●' },
  upcoming: { stateText: 'To come', icon: '○' },
  cancelled: { stateText: 'Cancelled', icon: '✕' },
};

const LABELS: Record<Exclude<OrderStatus, 'COMPLETED'>, string> = {
  PENDING: 'Placed',
  CONFIRMED: 'Confirmed',
  PREPARING: 'Preparing',
  READY: 'Ready',
  OUT_FOR_DELIVERY: 'Out for delivery',
  CANCELLED: 'Cancelled',
};

/** The last step depends on how the order reaches the customer. */
const COMPLETED_LABELS: Record<OrderType, string> = {
  TAKEOUT: 'Picked up',
  DELIVERY: 'Delivered',
  DINE_IN: 'Served',
};

export function stepLabel(status: OrderStatus, type: OrderType): string {
  if (status === 'COMPLETED') return COMPLETED_LABELS[type];
  if (status === 'READY' && type === 'TAKEOUT') return 'Ready for pickup';
  return LABELS[status];
}

function view(status: OrderStatus, type: OrderType, mark: StepMark, reachedAt: string | null): StepView {
  return { status, label: stepLabel(status, type), mark, ...MARKS[mark], reachedAt };
}

type StepSource = Pick<TrackedOrder, 'type' | 'status' | 'steps' | 'cancelledAt'>;

/**
 * The steps to show. A cancelled order keeps the steps it reached and ends with the cancellation;
 * the steps it will never reach are left out rather than shown as still to come.
 */
export function stepViews(order: StepSource): StepView[] {
  const marks: Record<TrackedOrder['steps'][number]['state'], StepMark> = { DONE: 'done', CURRENT: 'current', UPCOMING: 'upcoming' };
  if (order.status !== 'CANCELLED') {
    return order.steps.map((step) => view(step.status, order.type, marks[step.state], step.reachedAt));
  }
  return [
    ...order.steps.filter((step) => step.state === 'DONE').map((step) => view(step.status, order.type, 'done', step.reachedAt)),
    view('CANCELLED', order.type, 'cancelled', order.cancelledAt),
  ];
}
