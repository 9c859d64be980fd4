// One order as its customer sees it. Presentational: the live data, the connection and the alerts
// come from the track page.
import { IN_KITCHEN, isFinal } from '../../../shared/lifecycle.ts';
import { cancellationMessage, statusHeadline } from '../order/status-copy.ts';
import type { CustomerOrder, Restaurant, TrackedOrder } from '../order/documents.ts';
import { stepViews } from '../order/steps.ts';
import { AlertOptions } from './alert-options.tsx';
import { ConnectionBadge } from './connection-badge.tsx';
import { formatTime } from '../format.ts';
import { Countdown } from './countdown.tsx';
import { OtherOrders } from './other-orders.tsx';
import { Receipt } from './receipt.tsx';
import { StepList } from './step-list.tsx';


export interface OrderTrackerProps {
  order: TrackedOrder;
  receivedAt: Date | null;
  sound: boolean;
  onSoundChange: (on: boolean) => void;
  restaurant: Restaurant | undefined;
  /** This browser's orders, the tracked one among them or not. */
  customerOrders: CustomerOrder[];
}

export function OrderTracker({ order, receivedAt, sound, onSoundChange, restaurant, customerOrders }: OrderTrackerProps) {
  const cancelled = order.status === 'CANCELLED';
  return (
    <article className={`tracker tracker--${order.status.toLowerCase()}`}>
      <header className="tracker__header">
        <h1>
          <span className="tracker__kicker">Order</span> <span className="tracker__number">{order.number}</span>
        </h1>
        <ConnectionBadge receivedAt={receivedAt} />
      </header>
      <p className="tracker__headline" data-status={order.status}>
        {statusHeadline(order.status, order.type)}
      </p>
      {cancelled && (
        // The one alert on the page: a cancellation is news the customer must not miss.
        <div role="alert" className="notice notice--cancelled">
          <span aria-hidden="true">✕ </span>
          {cancellationMessage(order)}
        </div>
      )}
      <Countdown order={order} />
      <section aria-labelledby="steps-title">
        <h2 id="steps-title">Progress</h2>
        <StepList steps={stepViews(order)} />
      </section>
      {/* The server gives an arrival only for a delivery on its way. */}
      {order.estimatedArrivalAt && (
        <p className="tracker__arrival">
          Arriving at about <time dateTime={order.estimatedArrivalAt}>{formatTime(order.estimatedArrivalAt)}</time>
        </p>
      )}
      {order.type === 'DELIVERY' && order.address && <p className="tracker__where">Delivering to {order.address}</p>}
      {order.type === 'DINE_IN' && order.table && <p className="tracker__where">Table {order.table}</p>}
      {/* The chime rings when the order is ready: offered only while it is not yet. */}
      {!isFinal(order.status) && <AlertOptions sound={sound} onSoundChange={onSoundChange} offerSound={IN_KITCHEN.includes(order.status)} />}
      <OtherOrders orders={customerOrders} current={order.trackingCode} />
      <Receipt order={order} restaurant={restaurant} />
    </article>
  );
}
