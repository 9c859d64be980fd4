import { formatTime } from '../format.ts';
import { estimate, latenessMessage } from '../order/countdown.ts';
import type { TrackedOrder } from '../order/documents.ts';
import { useNow } from '../../../shared/use-now.ts';

/**
 * The server's estimated ready time, counting down each second. Deliberately not a live region:
 * a screen reader would read every tick. Status changes are announced elsewhere.
 */
export function Countdown({ order }: { order: Pick<TrackedOrder, 'status' | 'estimatedReadyAt' | 'minutesLate' | 'promisedAt'> }) {
  const now = useNow();
  const shown = estimate(order, now);
  const late = latenessMessage(order);
  if (shown.kind === 'none') return null;
  return (
    <section className="estimate" aria-labelledby="estimate-title">
      <h2 id="estimate-title" className="estimate__title">
        Estimated ready at <time dateTime={shown.readyAt}>{formatTime(shown.readyAt)}</time>
      </h2>
      <p className="estimate__countdown">
        {shown.kind === 'counting' ? (
          <>
            <span className="estimate__clock">{shown.remaining}</span> to go
          </>
        ) : (
          'Any minute now'
        )}
      </p>
      {late && (
        <p className="estimate__late">
          <span aria-hidden="true">◷ </span>
          {/* The promise stays in sight, so a later estimate never replaces it unremarked. */}
          <strong>{late}.</strong> We promised it for <time dateTime={order.promisedAt}>{formatTime(order.promisedAt)}</time>; the time above is our new estimate.
        </p>
      )}
    </section>
  );
}
