// Live views: a query paints the page at once over HTTP, a subscription keeps it current, and
// after a dropped connection comes back the query runs again so the page is exact once more.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { connectionStore, type ConnectionState, type ConnectionStore } from './connection.ts';

export const ConnectionContext = createContext<ConnectionStore>(connectionStore());

export function useConnection(): ConnectionState {
  const store = useContext(ConnectionContext);
  return useSyncExternalStore(store.subscribe, store.get);
}

export interface Live<T> {
  value: T | null;
  /** When the server last told us about it: "last updated 12:04" while reconnecting. */
  receivedAt: Date | null;
}

/**
 * The newest value the query or the subscription delivered. Results can arrive out of order (a
 * slow HTTP answer after a pushed change), so `isNewer(incoming, current)` decides, not arrival.
 */
export function useNewest<T>(fromQuery: T | null | undefined, fromSubscription: T | null | undefined, isNewer: (incoming: T, current: T) => boolean): Live<T> {
  const [live, setLive] = useState<Live<T>>({ value: null, receivedAt: null });
  const newer = useRef(isNewer);
  newer.current = isNewer;
  const accept = useRef((incoming: T) =>
    setLive((current) => ({
      value: current.value === null || newer.current(incoming, current.value) ? incoming : current.value,
      receivedAt: new Date(),
    })),
  ).current;
  useEffect(() => {
    if (fromQuery != null) accept(fromQuery);
  }, [fromQuery, accept]);
  useEffect(() => {
    if (fromSubscription != null) accept(fromSubscription);
  }, [fromSubscription, accept]);
  return live;
}

/** Runs `refetch` each time the live connection comes back after a drop. */
export function useRefetchOnRecovery(refetch: () => void): void {
  const { recoveries } = useConnection();
  const first = useRef(recoveries);
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    if (recoveries !== first.current) latest.current();
  }, [recoveries]);
}
