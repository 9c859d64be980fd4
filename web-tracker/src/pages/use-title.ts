import { useEffect } from 'react';

/** The tab's title, so a customer with several tabs sees their order's status at a glance. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Orderline`;
  }, [title]);
}
