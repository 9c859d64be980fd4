// The page shell: a header, and the page the address names.
import { Component, useRef, type ReactNode } from 'react';
import { BoardPage } from './pages/board-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { OrderNotFound } from './pages/order-not-found.tsx';
import { OrderPage } from './pages/order-page.tsx';
import { PageNotFound } from './pages/page-not-found.tsx';
import { TrackPage } from './pages/track-page.tsx';
import { Link, usePathname } from './routing/navigation.tsx';
import { usePageFocus } from './routing/page-focus.ts';
import { routeFor, type Route } from './routing/routes.ts';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'order':
      return <OrderPage />;
    case 'board':
      return <BoardPage />;
    case 'track':
      // Keyed by code, so another order starts from a clean slate.
      return route.code ? <TrackPage key={route.code} code={route.code} /> : <OrderNotFound />;
    case 'not-found':
      return <PageNotFound />;
  }
}

export function App() {
  const pathname = usePathname();
  const route = routeFor(pathname);
  const main = useRef<HTMLElement>(null);
  usePageFocus(main, pathname);
  // The board fills a screen by the counter: no site header there.
  const bare = route.page === 'board';
  return (
    <>
      {!bare && (
        <header className="site-header">
          <Link href="/" className="site-header__name">
            Orderline
          </Link>
          <Link href="/order" className="site-header__link">
            Order online
          </Link>
        </header>
      )}
      <main ref={main} tabIndex={-1} className={bare ? 'bare-main' : 'site-main'}>
        <ErrorBoundary>
          <Page route={route} />
        </ErrorBoundary>
      </main>
    </>
  );
}

/** A rendering bug shows an apology and a way out, never a stack trace. */
class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="page-message">
        <h1>Something went wrong on this page</h1>
        <p>
          Please <a href={window.location.pathname}>reload it</a>. Your order is not affected.
        </p>
      </section>
    );
  }
}
