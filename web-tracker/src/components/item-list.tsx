import { formatPrice } from '../format.ts';
import type { TrackedOrder } from '../order/documents.ts';

export function ItemList({ order }: { order: Pick<TrackedOrder, 'items' | 'totalCents'> }) {
  return (
    <section className="items" aria-labelledby="items-title">
      <h2 id="items-title">Your items</h2>
      <ul>
        {order.items.map((item) => (
          <li key={item.id} className="item">
            <span className="item__name">
              {item.quantity} × {item.name}
            </span>
            <span className="item__price">{formatPrice(item.unitPriceCents * item.quantity)}</span>
            {item.modifiers.length > 0 && <span className="item__extra">{item.modifiers.join(', ')}</span>}
            {item.notes && <span className="item__extra">“{item.notes}”</span>}
          </li>
        ))}
      </ul>
      <p className="items__total">
        <span>Total</span> <span>{formatPrice(order.totalCents)}</span>
      </p>
    </section>
  );
}
