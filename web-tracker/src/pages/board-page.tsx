// /board: the screen facing the counter. Pickup order numbers, Ready first and largest, sized so
// that every number fits the screen, live. Numbers only: the screen is public. When it is not live
// a full-width banner says so, so a frozen board can never look like a normal one.
import type { CSSProperties } from 'react';
import { useQuery, useSubscription } from 'urql';
import { isDown } from '../api/connection.ts';
import { useConnection, useNewest, useRefetchOnRecovery } from '../api/live.ts';
import { isNewerBoard, PickupBoardQuery, PickupBoardSubscription, type Board } from '../board/documents.ts';
import { boardLayout } from '../board/scale.ts';
import { useViewport } from '../browser/viewport.ts';
import { ConnectionBadge, connectionCopy } from '../components/connection-badge.tsx';
import { formatTime } from '../format.ts';
import { RestaurantQuery } from '../order/documents.ts';
import { useNow } from '../../../shared/use-now.ts';
import { useTitle } from './use-title.ts';

export function BoardPage() {
  useTitle('Pickup board');
  const [query, reexecute] = useQuery({ query: PickupBoardQuery, requestPolicy: 'network-only' });
  const [subscription] = useSubscription({ query: PickupBoardSubscription });
  const { value: board, receivedAt } = useNewest(query.data?.pickupBoard, subscription.data?.pickupBoardUpdated, isNewerBoard);
  useRefetchOnRecovery(() => reexecute({ requestPolicy: 'network-only' }));
  const connection = useConnection();
  const layout = boardLayout(useViewport(), { ready: board?.ready.length ?? 0, preparing: board?.preparing.length ?? 0 });
  const down = isDown(connection);
  const [restaurant] = useQuery({ query: RestaurantQuery });

  return (
    <div className={`board${down ? ' board--stale' : ''}`} style={{ '--board-heading': `${layout.heading}px` } as CSSProperties}>
      {down && <NotLiveBanner text={connectionCopy(connection, receivedAt).text} receivedAt={receivedAt} />}
      <header className="board__header">
        <h1>
          {restaurant.data && <span className="board__name">{restaurant.data.restaurant.name} </span>}
          Pickup
        </h1>
        <Clock />
        <ConnectionBadge receivedAt={receivedAt} />
      </header>
      {board ? (
        <div className="board__columns">
          <BoardColumn id="ready" title="Ready" icon="✓" entries={board.ready} empty="Nothing waiting" size={layout.ready} />
          <BoardColumn id="preparing" title="Preparing" icon="◔" entries={board.preparing} empty="Nothing in the kitchen" size={layout.preparing} />
        </div>
      ) : (
        <p className="page-message">{query.error ? 'Can’t reach the kitchen. Retrying…' : 'Loading…'}</p>
      )}
    </div>
  );
}

/** The one alert on the board: what it shows may be out of date, and since when. */
function NotLiveBanner({ text, receivedAt }: { text: string; receivedAt: Date | null }) {
  return (
    <div role="alert" className="board__banner">
      <p className="board__banner-title">
        <span aria-hidden="true">⚠ </span>This board is not live
      </p>
      <p>
        {text.replace(/\.$/, '')}. {receivedAt ? `These numbers are from ${formatTime(receivedAt)} and may be out of date.` : 'These numbers may be out of date.'}
      </p>
    </div>
  );
}

function Clock() {
  const now = useNow(10_000);
  return (
    <time className="board__clock" dateTime={new Date(now).toISOString()}>
      {formatTime(new Date(now))}
    </time>
  );
}

interface BoardColumnProps {
  id: 'ready' | 'preparing';
  title: string;
  icon: string;
  entries: Board['ready'];
  empty: string;
  size: number;
}

function BoardColumn({ id, title, icon, entries, empty, size }: BoardColumnProps) {
  return (
    <section className={`board__column board__column--${id}`} aria-labelledby={`board-${id}`} data-column={id}>
      <h2 id={`board-${id}`}>
        <span aria-hidden="true">{icon} </span>
        {title}
      </h2>
      {entries.length ? (
        <ul className="board__numbers" style={{ fontSize: `${size}px` }}>
          {entries.map((entry) => (
            <li key={entry.number} className="board__number">
              {entry.number}
            </li>
          ))}
        </ul>
      ) : (
        <p className="board__empty">{empty}</p>
      )}
    </section>
  );
}
