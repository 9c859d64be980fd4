// Events as the bus carries them, for tests that drive a listener (a cache, a watch) directly.
import type { EventMessage } from '../../server/events/message.ts';

/** A rush set on order `orderId`: an event that says nothing a listener must read again for. */
export function rushEvent(orderId: number): EventMessage {
  return { id: 1, tx: 1, orderId, orderNumber: orderId, orderType: 'TAKEOUT', stations: [], kind: 'RUSH_CHANGED', fromStatus: null, toStatus: null, actor: 'test', at: new Date().toISOString(), note: null, itemIds: [], station: null, rush: true, customerKeyHash: null };
}
