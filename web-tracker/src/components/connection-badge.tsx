// The live connection in a glyph and words, never a colour alone. While the page is not live it
// keeps what it knows and says so plainly: since when, and how old what it shows is.
import { useEffect, useRef } from 'react';
import { isDown, type ConnectionState } from '../api/connection.ts';
import { useConnection } from '../api/live.ts';
import { announce } from '../browser/announcer.ts';
import { formatTime } from '../format.ts';

export interface ConnectionCopy {
  icon: string;
  text: string;
  /** What is on the page while not live; null when it is. */
  detail: string | null;
}

const CONNECTING: ConnectionCopy = { icon: '○', text: 'Connecting…', detail: null };

/** What the page says about its connection; `receivedAt` is when the server last told it anything. */
export function connectionCopy(state: ConnectionState, receivedAt: Date | null): ConnectionCopy {
  const since = state.downSince === null ? '' : ` since ${formatTime(new Date(state.downSince))}`;
  const shown = receivedAt ? `Showing the status from ${formatTime(receivedAt)}.` : null;
  switch (state.kind) {
    case 'live':
      return { icon: '●', text: 'Live', detail: null };
    case 'offline':
      return { icon: '✕', text: `Offline${since}.`, detail: `${shown ?? ''} It updates when you are back online.`.trim() };
    case 'reconnecting':
      return { icon: '◌', text: `Not live${since}: reconnecting…`, detail: shown };
    case 'syncing':
      // A first connection is still connecting until the page has had its first reading.
      if (isDown(state)) return { icon: '◌', text: `Not live${since}: catching up…`, detail: shown };
      return CONNECTING;
    case 'idle':
    case 'connecting':
      return CONNECTING;
  }
}

/** Tells a screen reader when the page stops being live and when it is exact again. */
function useConnectionAnnouncements(state: ConnectionState): void {
  const previous = useRef(state);
  useEffect(() => {
    const before = previous.current;
    previous.current = state;
    if (before.kind === state.kind) return;
    if (state.kind === 'offline') announce('You are offline. The page shows the last known status and updates when you are back online.');
    else if (state.kind === 'reconnecting' && !isDown(before)) announce('Connection lost. Reconnecting; the page shows the last known status.');
    else if (state.kind === 'live' && isDown(before)) announce('Connection restored. The page is up to date.', { keep: true });
  }, [state]);
}

export function ConnectionBadge({ receivedAt }: { receivedAt: Date | null }) {
  const state = useConnection();
  useConnectionAnnouncements(state);
  const copy = connectionCopy(state, receivedAt);
  return (
    <p className={`connection connection--${state.kind}`} data-connection={state.kind}>
      <span className="connection__icon" aria-hidden="true">
        {copy.icon}
      </span>{' '}
      {copy.text}
      {copy.detail && <span className="connection__detail"> {copy.detail}</span>}
    </p>
  );
}
