// Orders as the server sends them to the tracker, for tests of the tracker's logic and pages.
import type { TrackedOrder } from '../../web-tracker/src/order/documents.ts';

type Status = TrackedOrder['status'];
type Type = TrackedOrder['type'];

const PATHS: Record<Type, Status[]> = {
  TAKEOUT: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED'],
  DINE_IN: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'COMPLETED'],
  DELIVERY: ['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'COMPLETED'],
};

const PLACED_AT = Date.parse('2026-11-25T12:00:00Z');
const minutesAfterPlacing = (minutes: number) => new Date(PLACED_AT + minutes * 60_000).toISOString();

/**
 * An order of `type` that has reached `status` (or, for CANCELLED, was cancelled after reaching
 * `cancelledAfter`), with the steps the server would compute: one minute per step.
 */
export function orderAt(status: Status, type: Type = 'TAKEOUT', overrides: Partial<TrackedOrder> & { cancelledAfter?: Status } = {}): TrackedOrder {
  const { cancelledAfter = 'CONFIRMED', ...rest } = overrides;
  const path = PATHS[type];
  const reached = path.indexOf(status === 'CANCELLED' ? cancelledAfter : status);
  const steps = path.map((step, i) => ({
    status: step,
    state: i < reached || (i === reached && (status === 'COMPLETED' || status === 'CANCELLED')) ? ('DONE' as const) : i === reached ? ('CURRENT' as const) : ('UPCOMING' as const),
    reachedAt: i <= reached ? minutesAfterPlacing(i) : null,
  }));
  return {
    trackingCode: '7k3m9q2xab4cd5ef6gh8',
    number: 7,
    version: reached + (status === 'CANCELLED' ? 2 : 1),
    status,
    type,
    customerName: 'Sam',
    address: type === 'DELIVERY' ? '1 High Street' : null,
    table: type === 'DINE_IN' ? '4' : null,
    items: [
      { id: '1', name: 'Margherita', quantity: 2, modifiers: ['extra cheese'], notes: null, unitPriceCents: 1150 },
      { id: '2', name: 'Cola', quantity: 1, modifiers: [], notes: 'no straw', unitPriceCents: 300 },
    ],
    totalCents: 2600,
    placedAt: minutesAfterPlacing(0),
    cancelledAt: status === 'CANCELLED' ? minutesAfterPlacing(reached + 1) : null,
    cancelReason: status === 'CANCELLED' ? 'We ran out of dough' : null,
    readyAt: reached >= path.indexOf('READY') ? minutesAfterPlacing(path.indexOf('READY')) : null,
    completedAt: status === 'COMPLETED' ? minutesAfterPlacing(reached) : null,
    promisedAt: minutesAfterPlacing(15),
    estimatedReadyAt: status === 'CANCELLED' ? null : minutesAfterPlacing(15),
    estimatedArrivalAt: null,
    minutesLate: 0,
    late: false,
    steps,
    ...rest,
  };
}

export { minutesAfterPlacing, PLACED_AT };
