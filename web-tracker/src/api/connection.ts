// The state of the live (graphql-ws) connection as the page shows it. Driven by the graphql-ws
// client's own events and the browser's network events, so what the page says is what the socket
// does. The transition function is pure (the caller passes the time); the store around it is what
// React subscribes to.

export type ConnectionKind =
  /** No live view is open, so no socket is wanted. */
  | 'idle'
  | 'connecting'
  /** The socket is up and every open view has had the server's current reading since it came up. */
  | 'live'
  /** The socket is up again but some view still waits for the reading that makes it exact. */
  | 'syncing'
  /** A live view is open and its socket closed: the client is retrying with backoff. */
  | 'reconnecting'
  /** The browser says it has no network; the client tries again the moment it has. */
  | 'offline';

export interface ConnectionState {
  kind: ConnectionKind;
  /** How many times the page became exact again after a drop; pages refetch when it grows. */
  recoveries: number;
  /** When the page stopped being live (epoch ms), while it is not; null when live or never was. */
  downSince: number | null;
}

export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  /** Every open view has received the server's reading since the socket came up. */
  | { type: 'synced' }
  /** `liveViews`: subscriptions still open when the socket closed. */
  | { type: 'closed'; liveViews: number; at: number }
  | { type: 'offline'; at: number }
  | { type: 'online' };

export const INITIAL_CONNECTION: ConnectionState = { kind: 'idle', recoveries: 0, downSince: null };

/** Not live, after having been: the page must say so, and since when. */
export const isDown = (state: ConnectionState) => state.downSince !== null;

export function nextConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connecting':
      // A retry is still a reconnection (and an offline browser still offline) until it succeeds.
      return state.kind === 'idle' || state.kind === 'connecting' ? { ...state, kind: 'connecting' } : state;
    case 'connected':
      return { ...state, kind: 'syncing' };
    case 'synced':
      if (state.kind !== 'syncing') return state;
      return { kind: 'live', recoveries: state.recoveries + (isDown(state) ? 1 : 0), downSince: null };
    case 'closed':
      // graphql-ws also closes a lazy socket once the last subscription ends: nothing is lost then.
      if (event.liveViews === 0) return state.kind === 'offline' ? state : { ...state, kind: 'idle', downSince: null };
      return { ...state, kind: state.kind === 'offline' ? 'offline' : 'reconnecting', downSince: state.downSince ?? event.at };
    case 'offline':
      return { ...state, kind: 'offline', downSince: state.downSince ?? event.at };
    case 'online':
      return state.kind === 'offline' ? { ...state, kind: 'reconnecting' } : state;
  }
}

export interface ConnectionStore {
  get: () => ConnectionState;
  subscribe: (listener: () => void) => () => void;
  dispatch(event: ConnectionEvent): void;
}

export function connectionStore(): ConnectionStore {
  let state = INITIAL_CONNECTION;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(event) {
      const next = nextConnection(state, event);
      if (next.kind === state.kind && next.recoveries === state.recoveries && next.downSince === state.downSince) return;
      state = next;
      for (const listener of listeners) listener();
    },
  };
}
