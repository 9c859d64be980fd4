// What the browser knows about the network before any socket does: it fires `offline` the moment
// the phone loses its connection, `online` when it is back, and `visibilitychange` when the page is
// looked at again (a phone may have frozen the page's timers and sockets while it was hidden).

export interface NetworkListener {
  offline(): void;
  online(): void;
  /** The page is visible again after `hiddenForMs` out of sight. */
  visible(hiddenForMs: number): void;
}

/** Listens for the page's whole life: the one API client starts it once and never stops it. */
export function watchNetwork(listener: NetworkListener): void {
  let hiddenAt: number | null = null;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hiddenAt = Date.now();
    else if (hiddenAt !== null) {
      listener.visible(Date.now() - hiddenAt);
      hiddenAt = null;
    }
  });
  window.addEventListener('offline', () => listener.offline());
  window.addEventListener('online', () => listener.online());
  if (!navigator.onLine) listener.offline();
}
