// The state of the live (graphql-ws) connection as the page shows it. Driven by the graphql-ws
// client's own events, so what the page says is what the socket does. The transition function is
// pure; the store around it is what React subscribes to.

export type ConnectionKind =
  /** No live view is open, so no socket is wanted. */
  | 'idle'
  | 'connecting'
  | 'live'
  /** A live view is open and its socket closed: the client is retrying with backoff. */
  | 'reconnecting';

export interface ConnectionState {
  kind: ConnectionKind;
  /** How many times the connection came back after a drop; pages refetch when it grows. */
  recoveries: number;
}

export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  /** `liveViews`: subscriptions still open when the socket closed. */
  | { type: 'closed'; liveViews: number };

export const INITIAL_CONNECTION: ConnectionState = { kind: 'idle', recoveries: 0 };

export function nextConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connecting':
      // A retry is still a reconnection until it succeeds.
      return state.kind === 'reconnecting' ? state : { ...state, kind: 'connecting' };
    case 'connected':
      return { kind: 'live', recoveries: state.recoveries + (state.kind === 'reconnecting' ? 1 : 0) };
    case 'closed':
      // graphql-ws also closes a lazy socket once the last subscription ends: nothing is lost then.
      return { ...state, kind: event.liveViews > 0 ? 'reconnecting' : 'idle' };
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
      if (next.kind === state.kind && next.recoveries === state.recoveries) return;
      state = next;
      for (const listener of listeners) listener();
    },
  };
}
