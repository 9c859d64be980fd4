// Orders as the screens receive them from the API, for tests of the screens and their rules.
import type { Order } from '../../cli/tui/tickets.ts';

export const NOW = Date.parse('2026-11-25T12:30:00Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

let nextNumber = 1;

/** An order placed `placedMinutesAgo` minutes before NOW, promised 15 minutes after it was placed. */
export function anOrder({ placedMinutesAgo = 5, ...overrides }: Partial<Order> & { placedMinutesAgo?: number } = {}): Order {
  const number = overrides.number ?? nextNumber++;
  return {
    id: `order-${number}`,
    number,
    businessDate: '2026-11-25',
    status: 'CONFIRMED',
    version: 2,
    type: 'TAKEOUT',
    customerName: `Guest ${number}`,
    table: null,
    address: null,
    notes: null,
    rush: false,
    placedAt: minutesAgo(placedMinutesAgo),
    promisedAt: minutesAgo(placedMinutesAgo - 15),
    estimatedReadyAt: minutesAgo(placedMinutesAgo - 15),
    minutesLate: 0,
    late: false,
    readyAt: null,
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
    nextStatus: 'PREPARING',
    totalCents: 1200,
    trackingCode: `code${number}`,
    trackingUrl: `http://orderline.test/track/code${number}`,
    items: [anItem({ id: `${number}-1`, name: 'Margherita', station: 'pizza' })],
    ...overrides,
  };
}

let nextItem = 1;

/** An item still waiting for its station. */
export function anItem(overrides: Partial<Order['items'][number]> = {}): Order['items'][number] {
  return { id: `item-${nextItem++}`, name: 'Margherita', quantity: 1, modifiers: [], notes: null, station: 'pizza', state: 'WAITING', ...overrides };
}
