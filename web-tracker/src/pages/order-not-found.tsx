import { CodeForm } from '../components/code-form.tsx';
import { useTitle } from './use-title.ts';

/** An unknown or malformed tracking code: say so plainly and offer another try. */
export function OrderNotFound() {
  useTitle('Order not found');
  return (
    <section className="page-message" data-page="order-not-found">
      <h1>We can’t find that order</h1>
      <p>
        The tracking code in this link doesn’t match any order. Check that the whole link was copied, or type the code
        from your receipt below.
      </p>
      <CodeForm label="Try another tracking code" />
    </section>
  );
}
