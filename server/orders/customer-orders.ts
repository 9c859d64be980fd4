// A customer's own channel: the orders placed with their key, today's and any still open, newest
// first. The key is known here only by its hash; an unknown key simply has no orders.
import { businessDate } from '../domain/business-day.ts';
import type { OrderWithItems } from '../db/models.ts';
import type { Reading, Sink } from '../events/shared-streams.ts';
import type { Services } from '../services.ts';
import { liveOrders } from './order-updates.ts';

/** The most orders one key lists, so a key cannot pull big responses. */
export const CUSTOMER_ORDERS_LIMIT = 20;

export function readCustomerOrders(services: Services, customerKeyHash: string): Promise<OrderWithItems[]> {
  return services.queries.byCustomer(customerKeyHash, businessDate(services.clock(), services.timeZone), CUSTOMER_ORDERS_LIMIT);
}

/** The list now, then again whenever one of its orders changes, one is placed with the key, or an estimate moves; shared by the key's followers in this process. */
export function followCustomer(services: Services, customerKeyHash: string) {
  return services.followed.customers.follow(customerKeyHash, (sink) => customerOrderUpdates(services, customerKeyHash, sink));
}

/** The list now, then again whenever one of its orders changes, one is placed with the key, or an estimate moves. */
export function customerOrderUpdates(services: Services, customerKeyHash: string, sink: Sink<OrderWithItems[]>): Reading {
  const today = () => businessDate(services.clock(), services.timeZone);
  let readOn = today();
  return liveOrders(
    services,
    {
      read: () => {
        readOn = today();
        return readCustomerOrders(services, customerKeyHash);
      },
      ordersOf: (orders) => orders,
      key: { customerKeyHash },
      // Yesterday's finished orders leave the list when the day turns.
      stale: () => today() !== readOn,
    },
    sink,
  );
}
