// The live connection in a glyph and a word, never a colour alone. While reconnecting the page
// keeps what it knows and says how old it is.
import { useEffect, useRef } from 'react';
import type { ConnectionKind } from '../api/connection.ts';
import { useConnection } from '../api/live.ts';
import { announce } from '../browser/announcer.ts';
import { formatTime } from '../format.ts';

const LOOKS: Record<ConnectionKind, { icon: string; text: string }> = {
  idle: { icon: '○', text: 'Connecting…' },
  connecting: { icon: '○', text: 'Connecting…' },
  live: { icon: '●', text: 'Live' },
  reconnecting: { icon: '◌', text: 'Reconnecting…' },
};

export function ConnectionBadge({ receivedAt }: { receivedAt: Date | null }) {
  const { kind } = useConnection();
  const previous = useRef(kind);
  useEffect(() => {
    if (kind === 'reconnecting' && previous.current !== 'reconnecting') announce('Connection lost. Reconnecting; the page shows the last known status.');
    if (kind === 'live' && previous.current === 'reconnecting') announce('Connection restored. The page is up to date.');
    previous.current = kind;
  }, [kind]);
  const look = LOOKS[kind];
  return (
    <p className={`connection connection--${kind}`} data-connection={kind}>
      <span className="connection__icon" aria-hidden="true">
        {look.icon}
      </span>{' '}
      {look.text}
      {kind === 'reconnecting' && receivedAt && <> Last updated {formatTime(receivedAt)}.</>}
    </p>
  );
}
