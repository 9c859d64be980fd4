// After an in-page navigation the old page's focused element is gone, and focus would fall back to
// <body>: a keyboard or screen-reader user would start again from the top, not knowing where they
// are. Focus goes to the new page's heading instead (as a full load would read it), or to <main>
// until the page has drawn its heading (the tracker shows "Loading…" first).
import { useEffect, useRef, type RefObject } from 'react';

/** How long a page may take to draw its heading before focus stays on <main>. */
const HEADING_WAIT_MS = 10_000;

export function usePageFocus(main: RefObject<HTMLElement | null>, pathname: string): void {
  const first = useRef(pathname);
  useEffect(() => {
    const container = main.current;
    if (!container || pathname === first.current) return;
    first.current = pathname;
    const focusHeading = () => {
      const heading = container.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    container.focus();
    const observer = new MutationObserver(() => focusHeading() && observer.disconnect());
    observer.observe(container, { childList: true, subtree: true });
    const giveUp = setTimeout(() => observer.disconnect(), HEADING_WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [main, pathname]);
}
