import { useLayoutEffect, useRef } from 'react';
import { selectedIndex, type Order, type Selection } from './tickets.ts';
import { useKeyState } from './use-key-state.ts';

/**
 * The selected row of a list that changes under the user's hands: it stays on the order the user
 * chose until the user moves it, however many orders arrive before it, and keeps its place when
 * that order leaves (the next one there is then the chosen one).
 *
 * Key handlers ask `latest…`: keys that arrive together (→ then Enter, from a fast hand or a bump
 * bar) must see each other's moves before React draws again (see useKeyState). Drawing uses
 * `drawnIndex`.
 */
export function useSelection<T extends Pick<Order, 'id'>>(list: readonly T[]) {
  const selection = useKeyState<Selection>({ id: null, index: 0 });
  // The list as last drawn, for the handlers; renewed when the frame is committed, as Ink renews
  // the handler itself.
  const drawn = useRef(list);
  const drawnIndex = selectedIndex(list, selection.value);
  useLayoutEffect(() => {
    drawn.current = list;
    // What is drawn selected is what is chosen: a ticket arriving before it must not take the
    // selection (nor the next Enter) from it.
    const shown = list[drawnIndex];
    if (shown && shown.id !== selection.current().id) selection.set({ id: shown.id, index: drawnIndex });
  });
  const latestIndex = (): number => selectedIndex(drawn.current, selection.current());
  return {
    /** The selected place in the list being drawn. */
    drawnIndex,
    latestIndex,
    /** The selected item as of the latest key. */
    latest: (): T | undefined => drawn.current[latestIndex()],
    /** The item at a place in the latest list. */
    at: (index: number): T | undefined => drawn.current[index],
    /** The item with this id in the latest list, if it is still there. */
    find: (id: string): T | undefined => drawn.current.find((item) => item.id === id),
    /** Moves the selection `step` places from where it is now, within the list. */
    move(step: number): void {
      const items = drawn.current;
      const to = Math.max(0, Math.min(items.length - 1, latestIndex() + step));
      selection.set({ id: items[to]?.id ?? null, index: to });
    },
  };
}
