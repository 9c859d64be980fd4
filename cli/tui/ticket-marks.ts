// What a cook should look at: a ticket that just arrived (NEW) and one another screen changed
// without it leaving (CHANGED: rush, a recall, items done at another station). Kept beside the
// live data, not in React: each snapshot is compared with the one before it.
import type { Order } from './tickets.ts';

/** How long a ticket stays marked. */
const MARK_MS = 10_000;
/** A change this screen asked for shows up this soon; it is not someone else's. */
const OWN_CHANGE_MS = 5_000;

export type TicketMark = 'NEW' | 'CHANGED';
export type Marks = ReadonlyMap<string, { mark: TicketMark; at: number }>;

export class TicketMarks {
  #seen: Map<string, string> | null = null;
  #marks = new Map<string, { mark: TicketMark; at: number }>();
  readonly #own = new Map<string, number>();

  /** This screen is about to change the order: its next change is the cook's own. */
  ownChange(orderId: string, now = Date.now()): void {
    this.#own.set(orderId, now);
  }

  /** Marks after a new snapshot, and whether a ticket arrived (the first snapshot has none). */
  update(orders: readonly Order[], now = Date.now()): { marks: Marks; arrived: boolean } {
    const next = new Map(orders.map((order) => [order.id, fingerprint(order)]));
    let arrived = false;
    if (this.#seen) {
      for (const [id, print] of next) {
        const was = this.#seen.get(id);
        if (was === undefined) {
          this.#marks.set(id, { mark: 'NEW', at: now });
          arrived = true;
        } else if (was !== print && now - (this.#own.get(id) ?? -Infinity) > OWN_CHANGE_MS) {
          this.#marks.set(id, { mark: 'CHANGED', at: now });
        }
      }
    }
    for (const [id, { at }] of this.#marks) if (!next.has(id) || now - at >= MARK_MS) this.#marks.delete(id);
    this.#seen = next;
    return { marks: new Map(this.#marks), arrived };
  }
}

/** The mark to draw on `order` now, if any. */
export function markOf(marks: Marks, orderId: string, now: number): TicketMark | null {
  const mark = marks.get(orderId);
  return mark && now - mark.at < MARK_MS ? mark.mark : null;
}

/** What another screen may change on a ticket without it leaving: rush and its items' states. */
function fingerprint(order: Order): string {
  return `${order.rush}|${order.items.map((item) => item.state).join(',')}`;
}
