import { Link } from '../routing/navigation.tsx';
import { useTitle } from './use-title.ts';

export function PageNotFound() {
  useTitle('Page not found');
  return (
    <section className="page-message">
      <h1>There’s no page here</h1>
      <p>
        <Link href="/">Track an order</Link> or <Link href="/order">place a new one</Link>.
      </p>
    </section>
  );
}
