// The customer's other open orders (found by this browser's customer key), each a link to its own
// tracker: someone who ordered twice follows both without digging for the second code.
import { isFinal } from '../../../shared/lifecycle.ts';
import type { CustomerOrder } from '../order/documents.ts';
import { statusHeadline } from '../order/status-copy.ts';
import { Link } from '../routing/navigation.tsx';
import { trackingPath } from '../routing/routes.ts';

export function OtherOrders({ orders, current }: { orders: CustomerOrder[]; current: string }) {
  const others = orders.filter((order) => order.trackingCode !== current && !isFinal(order.status));
  if (!others.length) return null;
  return (
    <section className="other-orders" aria-labelledby="other-orders-title">
      <h2 id="other-orders-title">Your other orders</h2>
      <ul>
        {others.map((order) => (
          <li key={order.trackingCode}>
            <Link href={trackingPath(order.trackingCode)}>Order {order.number}</Link>: {statusHeadline(order.status, order.type)}
          </li>
        ))}
      </ul>
    </section>
  );
}
