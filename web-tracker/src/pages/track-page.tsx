// /track/<code>: one order, live. The query paints it over HTTP; the orderUpdated subscription
// pushes every change; after a dropped connection the query runs again and the resubscription
// re-sends the order, so the page is exact again.
import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useNewest, useRefetchOnRecovery } from '../api/live.ts';
import { announce } from '../browser/announcer.ts';
import { playChime } from '../browser/chime.ts';
import { notify } from '../browser/notifications.ts';
import { OrderTracker } from '../components/order-tracker.tsx';
import { slipNews } from '../order/countdown.ts';
import { existingCustomerKey } from '../checkout/customer-key.ts';
import { CustomerOrdersSubscription, OrderByCodeQuery, OrderUpdatedSubscription, RestaurantQuery, type CustomerOrder, type TrackedOrder } from '../order/documents.ts';
import { statusHeadline } from '../order/status-copy.ts';
import { useTitle } from './use-title.ts';
import { OrderNotFound } from './order-not-found.tsx';

/** The later of two readings of an order; `version` grows with every change the server commits. */
const isNewerOrder = (incoming: TrackedOrder, current: TrackedOrder) => incoming.version >= current.version;

export function TrackPage({ code }: { code: string }) {
  const [query, reexecute] = useQuery({ query: OrderByCodeQuery, variables: { code }, requestPolicy: 'network-only' });
  const unknown = query.data?.orderByTrackingCode === null;
  const [subscription] = useSubscription({ query: OrderUpdatedSubscription, variables: { trackingCode: code }, pause: unknown });
  const { value: order, receivedAt } = useNewest(query.data?.orderByTrackingCode, subscription.data?.orderUpdated, isNewerOrder);
  useRefetchOnRecovery(() => reexecute({ requestPolicy: 'network-only' }));
  const [sound, setSound] = useState(false);
  useStatusChanges(order, sound);
  useTitle(order ? `Order ${order.number}: ${statusHeadline(order.status, order.type)}` : 'Your order');
  const [restaurant] = useQuery({ query: RestaurantQuery });
  const customerOrders = useCustomerOrders();

  const notFound = unknown || subscription.error?.graphQLErrors.some((error) => error.extensions.code === 'NOT_FOUND');
  if (order) {
    return <OrderTracker order={order} receivedAt={receivedAt} sound={sound} onSoundChange={setSound} restaurant={restaurant.data?.restaurant} customerOrders={customerOrders} />;
  }
  if (notFound) return <OrderNotFound />;
  if (query.error) {
    return (
      <section className="page-message">
        <h1>We can’t reach the restaurant right now</h1>
        <p>Your order is safe. We’ll keep trying, or you can try again yourself.</p>
        <button type="button" className="button" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
          Try again
        </button>
      </section>
    );
  }
  return <p className="page-message">Loading your order…</p>;
}

/** This browser's orders, live (the subscription starts with the list), when it has ever ordered. */
function useCustomerOrders(): CustomerOrder[] {
  // Read once: the key does not change while the page is open.
  const [customerKey] = useState(existingCustomerKey);
  const [subscription] = useSubscription({ query: CustomerOrdersSubscription, variables: { customerKey: customerKey ?? '' }, pause: !customerKey });
  return subscription.data?.customerOrders ?? [];
}

/**
 * Tells the customer about each change of status after the first reading: announced politely
 * (a cancellation has its own alert), notified when they asked for it, and chimed when it is ready.
 * A slip of a few minutes is told the same way (slipNews), so lateness is never hidden.
 */
function useStatusChanges(order: TrackedOrder | null, sound: boolean): void {
  const seen = useRef<TrackedOrder['status'] | null>(null);
  const toldLate = useRef<number | null>(null);
  useEffect(() => {
    if (!order) return;
    const before = seen.current;
    seen.current = order.status;
    // The first reading is what the page shows; only what changes after it is news.
    const slip = slipNews(order, toldLate.current ?? order.minutesLate);
    toldLate.current = slip.told;
    const news = before !== null && before !== order.status ? statusHeadline(order.status, order.type) : null;
    if (news) {
      if (order.status !== 'CANCELLED') announce(`Order ${order.number}: ${news}`);
      notify(`Order ${order.number}`, news, order.trackingCode);
      if (sound && order.status === 'READY') playChime();
    } else if (slip.message) {
      announce(slip.message);
      notify(`Order ${order.number} is running late`, slip.message, order.trackingCode);
    }
  }, [order, sound]);
}
