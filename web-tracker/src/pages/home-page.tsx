import { CodeForm } from '../components/code-form.tsx';
import { Link } from '../routing/navigation.tsx';
import { useTitle } from './use-title.ts';

export function HomePage() {
  useTitle('Track your order');
  return (
    <section className="home">
      <h1>Track your order</h1>
      <p>Enter the tracking code from your receipt to follow your order live.</p>
      <CodeForm />
      <p className="home__more">
        Hungry? <Link href="/order">Order online</Link>
      </p>
    </section>
  );
}
