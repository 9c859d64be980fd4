import { useReducer, useRef } from 'react';
import { selectedIndex, type Order, type Selection } from './tickets.ts';

/**
 * The selected row of a list that changes under the user's hands: it stays on the same order
 * while that order is listed, and keeps its place when the order leaves.
 *
 * Kept in a ref rather than in state because Ink hands keys to the handler of the last effect
 * run: keys that arrive together (→ then Enter, from a fast hand or a bump bar) must see each
 * other's moves before React draws again. So key handlers ask `latest…`; drawing uses `drawnIndex`.
 */
export function useSelection<T extends Pick<Order, 'id'>>(list: readonly T[]) {
  const selection = useRef<Selection>({ id: null, index: 0 });
  const latest = useRef(list);
  latest.current = list;
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  const latestIndex = (): number => selectedIndex(latest.current, selection.current);
  return {
    /** The selected place in the list being drawn. */
    drawnIndex: selectedIndex(list, selection.current),
    latestIndex,
    /** The selected item as of the latest key. */
    latest: (): T | undefined => latest.current[latestIndex()],
    /** The item at a place in the latest list. */
    at: (index: number): T | undefined => latest.current[index],
    /** The item with this id in the latest list, if it is still there. */
    find: (id: string): T | undefined => latest.current.find((item) => item.id === id),
    /** Moves the selection `step` places from where it is now, within the list. */
    move(step: number): void {
      const items = latest.current;
      const to = Math.max(0, Math.min(items.length - 1, latestIndex() + step));
      selection.current = { id: items[to]?.id ?? null, index: to };
      redraw();
    },
  };
}
