// Mounting a screen the way `orderline kitchen` does, minus the server: the live state is given,
// the actions are recorded, keys are typed into Ink's stdin and the frame is read back.
import type { ReactElement } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { LiveState } from '../../cli/tui/live-query.ts';
import { NOW } from './orders.ts';

export const KEY = { enter: '\r', escape: '\u001B', up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', home: '\u001B[H', end: '\u001B[F', pageUp: '\u001B[5~', pageDown: '\u001B[6~' } as const;

/**
 * For the tests of a file: the wall clock reads NOW (the orders' ages and due times count from
 * it), timers stay real, and each screen is unmounted afterwards.
 */
export function screenTests(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}

export function liveState<T>(data: T, change: Partial<LiveState<T>> = {}): LiveState<T> {
  const state: LiveState<T> = { data, connection: 'live', stale: false, since: null, retry: null, loadedAt: Date.now(), lastEventAt: null, problem: null, ...change };
  // As LiveQuery keeps it: what is shown while not live is stale.
  return { ...state, stale: change.stale ?? (state.data !== null && state.connection !== 'live') };
}

export function mount(screen: ReactElement) {
  const app = render(screen);
  return {
    ...app,
    /** The frame once it shows `text` (Ink draws asynchronously). */
    async showing(text: string | RegExp): Promise<string> {
      let frame = '';
      // Generous: other test files start servers on the same two cores meanwhile.
      await vi.waitFor(
        () => {
          frame = app.lastFrame() ?? '';
          expect(frame).toMatch(text);
        },
        { timeout: 5_000 },
      );
      return frame;
    },
    /** Types keys one at a time, as a person does. */
    async press(...keys: string[]): Promise<void> {
      for (const key of keys) {
        app.stdin.write(key);
        await new Promise((resolve) => setImmediate(resolve)); // one keypress per read
      }
    },
  };
}

/** The test terminal made `columns` × `rows`, as a real one is resized: the size changes, then 'resize'. */
export function resize(screen: { stdout: NodeJS.EventEmitter }, columns: number, rows?: number): void {
  Object.defineProperty(screen.stdout, 'columns', { value: columns, configurable: true });
  if (rows !== undefined) Object.defineProperty(screen.stdout, 'rows', { value: rows, configurable: true });
  screen.stdout.emit('resize');
}
