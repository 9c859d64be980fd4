// The window's size, as React state that follows every resize (a board moved to another screen).
import { useSyncExternalStore } from 'react';
import type { Area } from '../board/scale.ts';

let current: Area | null = null;

function subscribe(listener: () => void): () => void {
  window.addEventListener('resize', listener);
  return () => window.removeEventListener('resize', listener);
}

function read(): Area {
  // The same object while the size is the same, as useSyncExternalStore requires.
  if (current?.width !== window.innerWidth || current.height !== window.innerHeight) current = { width: window.innerWidth, height: window.innerHeight };
  return current;
}

export function useViewport(): Area {
  return useSyncExternalStore(subscribe, read);
}
