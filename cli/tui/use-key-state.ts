import { useRef, useState } from 'react';

/**
 * State that key handlers change and the screen draws. Ink hands the keys of one burst (fast
 * typing, a paste, a bump bar's macro) to the handler one after another before React draws
 * again, so a handler reads `current()`, which already holds what the key before it did; drawing
 * reads `value`.
 */
export function useKeyState<T>(initial: T) {
  const latest = useRef(initial);
  const [value, setValue] = useState(initial);
  return {
    value,
    current: (): T => latest.current,
    set(next: T): void {
      latest.current = next;
      setValue(next);
    },
  };
}
