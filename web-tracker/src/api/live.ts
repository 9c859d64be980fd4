// Live views: a query paints the page at once over HTTP, a subscription keeps it current, and
// after a dropped connection comes back the query runs again so the page is exact once more.
import { createContext, useContext, useEffect, useEffectEvent, useRef, useState, useSyncExternalStore } from 'react';
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
  // Each result is taken when it arrives, and kept only if it is newer than what is shown. urql's
  // hooks hand results over as values, not as events; these effects are where they arrive (and
  // when, for receivedAt), so setting state in them is the point, not a cascade.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (fromQuery != null) setLive((current) => newest(current, fromQuery, isNewer));
  }, [fromQuery, isNewer]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (fromSubscription != null) setLive((current) => newest(current, fromSubscription, isNewer));
  }, [fromSubscription, isNewer]);
  return live;
}

function newest<T>(current: Live<T>, incoming: T, isNewer: (incoming: T, current: T) => boolean): Live<T> {
  return { value: current.value === null || isNewer(incoming, current.value) ? incoming : current.value, receivedAt: new Date() };
}

/** Runs `refetch` each time the live connection comes back after a drop. */
export function useRefetchOnRecovery(refetch: () => void): void {
  const { recoveries } = useConnection();
  const first = useRef(recoveries);
  const onRecovery = useEffectEvent(refetch);
  useEffect(() => {
    if (recoveries !== first.current) onRecovery();
  }, [recoveries]);
}
