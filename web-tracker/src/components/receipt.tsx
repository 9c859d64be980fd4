// What the customer keeps: who made the order and how to reach them, when it was placed, the
// tracking code with a link to copy or share (to follow it on another device, or send it to
// whoever collects it), and the items with the total.
import { useState } from 'react';
import { announce } from '../browser/announcer.ts';
import { formatTime } from '../format.ts';
import type { Restaurant, TrackedOrder } from '../order/documents.ts';
import { trackingPath } from '../routing/routes.ts';
import { ItemList } from './item-list.tsx';

export function Receipt({ order, restaurant }: { order: TrackedOrder; restaurant: Restaurant | undefined }) {
  const link = `${window.location.origin}${trackingPath(order.trackingCode)}`;
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  function copyLink() {
    navigator.clipboard.writeText(link).then(
      () => {
        setCopy('copied');
        announce('Link copied.');
      },
      () => setCopy('failed'),
    );
  }

  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">Receipt</h2>
      {restaurant && (
        <address className="receipt__restaurant">
          <strong>{restaurant.name}</strong>
          {restaurant.address && <span>{restaurant.address}</span>}
          {restaurant.phone && <a href={`tel:${restaurant.phone.replace(/[^\d+]/g, '')}`}>{restaurant.phone}</a>}
        </address>
      )}
      <p>
        Order {order.number}, placed at <time dateTime={order.placedAt}>{formatTime(order.placedAt)}</time>
      </p>
      <p>
        Tracking code <code className="receipt__code">{order.trackingCode}</code>
      </p>
      <div className="receipt__actions">
        <button type="button" className="button button--secondary" onClick={copyLink}>
          {copy === 'copied' ? 'Link copied' : 'Copy link'}
        </button>
        {'share' in navigator && (
          <button type="button" className="button button--secondary" onClick={() => void navigator.share({ title: `Order ${order.number}`, url: link }).catch(() => undefined)}>
            Share
          </button>
        )}
      </div>
      {copy === 'failed' && (
        <p className="field-hint">
          This browser would not copy it. The link is <a href={link}>{link}</a>
        </p>
      )}
      <ItemList order={order} />
    </section>
  );
}
