// What the screens' keys do on the server. Each change applies to the order as the screen showed
// it (its version) and only once (an idempotency key): a ticket another screen moved first is
// refused and explained, never moved twice. A refusal reloads the screen so it shows the truth.
import { randomUUID } from 'node:crypto';
import type { Api } from '../api/client.ts';
import type { ResultOf } from '../../shared/graphql.ts';
import { AdvanceOrder, CancelOrder } from '../api/operations.ts';
import { expectSuccess } from '../api/results.ts';
import type { Order } from './tickets.ts';
import type { Feedback } from './use-feedback.ts';

type Change = ResultOf<typeof AdvanceOrder>['advanceOrder'] | ResultOf<typeof CancelOrder>['cancelOrder'];

export interface Actions {
  /** One step along: a bump on the kitchen screen, "advance" in the queue. */
  advance: (order: Order) => Promise<Feedback>;
  cancel: (order: Order, reason: string) => Promise<Feedback>;
}

/** `reload` is called after a refusal. */
export function screenActions(api: Api, reload: () => unknown): Actions {
  async function change(send: () => Promise<Change>): Promise<Feedback> {
    try {
      const { order, event } = expectSuccess(await send(), 'OrderChange');
      return { ok: true, message: event ? `#${order.number} → ${order.status}` : `#${order.number} is already ${order.status}` };
    } catch (error) {
      reload();
      throw error;
    }
  }
  // By id: the ticket shown, even when an order from another day has the same number.
  const versioned = (order: Order) => ({ id: order.id, expectedVersion: order.version, idempotencyKey: randomUUID() });
  return {
    advance: (order) => change(async () => (await api.mutate(AdvanceOrder, versioned(order))).advanceOrder),
    cancel: (order, reason) => change(async () => (await api.mutate(CancelOrder, { ...versioned(order), reason })).cancelOrder),
  };
}
