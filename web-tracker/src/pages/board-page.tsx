// /board: the screen facing the counter. Order numbers in two columns, large enough to read from
// across the room, live. Numbers only: the screen is public.
import { useQuery, useSubscription } from 'urql';
import { useNewest, useRefetchOnRecovery } from '../api/live.ts';
import { isNewerBoard, PickupBoardQuery, PickupBoardSubscription, type Board } from '../board/documents.ts';
import { ConnectionBadge } from '../components/connection-badge.tsx';
import { useTitle } from './use-title.ts';

export function BoardPage() {
  useTitle('Pickup board');
  const [query, reexecute] = useQuery({ query: PickupBoardQuery, requestPolicy: 'network-only' });
  const [subscription] = useSubscription({ query: PickupBoardSubscription });
  const { value: board, receivedAt } = useNewest(query.data?.pickupBoard, subscription.data?.pickupBoardUpdated, isNewerBoard);
  useRefetchOnRecovery(() => reexecute({ requestPolicy: 'network-only' }));

  return (
    <div className="board">
      <header className="board__header">
        <h1>Orders</h1>
        <ConnectionBadge receivedAt={receivedAt} />
      </header>
      {board ? (
        <div className="board__columns">
          <BoardColumn id="preparing" title="Preparing" icon="◔" entries={board.preparing} empty="Nothing in the kitchen" />
          <BoardColumn id="ready" title="Ready" icon="✓" entries={board.ready} empty="Nothing waiting" />
        </div>
      ) : (
        <p className="page-message">{query.error ? 'Can’t reach the kitchen. Retrying…' : 'Loading…'}</p>
      )}
    </div>
  );
}

function BoardColumn({ id, title, icon, entries, empty }: { id: string; title: string; icon: string; entries: Board['ready']; empty: string }) {
  return (
    <section className={`board__column board__column--${id}`} aria-labelledby={`board-${id}`} data-column={id}>
      <h2 id={`board-${id}`}>
        <span aria-hidden="true">{icon} </span>
        {title}
      </h2>
      {entries.length ? (
        <ul className="board__numbers">
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
