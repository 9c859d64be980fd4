// What the browser knows about the network before any socket does: it fires `offline` the moment
// the phone loses its connection, `online` when it is back, and `visibilitychange` when the page is
// looked at again (a phone may have frozen the page's timers and sockets while it was hidden).

export interface NetworkListener {
  offline(): void;
  online(): void;
  /** The page is visible again after `hiddenForMs` out of sight. */
  visible(hiddenForMs: number): void;
}

export function watchNetwork(listener: NetworkListener, target: Window = window): () => void {
  let hiddenAt: number | null = null;
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') hiddenAt = Date.now();
    else if (hiddenAt !== null) {
      listener.visible(Date.now() - hiddenAt);
      hiddenAt = null;
    }
  };
  const onOffline = () => listener.offline();
  const onOnline = () => listener.online();
  target.addEventListener('offline', onOffline);
  target.addEventListener('online', onOnline);
  target.document.addEventListener('visibilitychange', onVisibility);
  if (!target.navigator.onLine) listener.offline();
  return () => {
    target.removeEventListener('offline', onOffline);
    target.removeEventListener('online', onOnline);
    target.document.removeEventListener('visibilitychange', onVisibility);
  };
}
