import { useReducer, useRef } from 'react';
import { selectedIndex, type Order, type Selection } from './tickets.ts';

/**
 * The selected row of a list that changes under the user's hands: it stays on the same order
 * while that order is listed, and keeps its place when the order leaves.
 *
 * Kept in a ref rather than in state because Ink hands keys to the handler of the last effect
 * run: keys that arrive together (→ then Enter, from a fast hand or a bump bar) must see each
 * other's moves before React draws again.
 */
export function useSelection<T extends Pick<Order, 'id'>>(list: readonly T[]) {
  const selection = useRef<Selection>({ id: null, index: 0 });
  const latest = useRef(list);
  latest.current = list;
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  return {
    /** The selected place, for drawing. */
    index: selectedIndex(list, selection.current),
    /** The selected place as of the latest key. */
    currentIndex: (): number => selectedIndex(latest.current, selection.current),
    /** The selected item as of the latest key. */
    current: (): T | undefined => latest.current[selectedIndex(latest.current, selection.current)],
    /** The item at a place, in the list as last drawn. */
    at: (index: number): T | undefined => latest.current[index],
    /** Moves the selection `step` places from where it is now, within the list. */
    move(step: number): void {
      const items = latest.current;
      const to = Math.max(0, Math.min(items.length - 1, selectedIndex(items, selection.current) + step));
      selection.current = { id: items[to]?.id ?? null, index: to };
      redraw();
    },
  };
}
