// When a page tries to reach the server again. A customer may keep a tracker open through a long
// outage, so it never gives up; the waits grow so a restarted server is not stampeded, and a wait
// ends early when the browser says the network is back or the page is looked at again.

const FIRST_WAIT_MS = 500;
/** The longest wait: a server back after an outage is found within this, whatever its length. */
export const LONGEST_WAIT_MS = 5_000;

/**
 * The wait before retry number `attempt` (0-based): doubling from half a second up to five, each
 * drawn between half and all of that ("equal jitter"), so that phones reconnecting together spread out.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Waits that `wakeAll()` cuts short: the browser's "online" and "visible" end every pending wait. */
export function wakeableWaits() {
  const sleepers = new Set<() => void>();
  return {
    wait(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        sleepers.add(done);
      });
    },
    wakeAll(): void {
      for (const wake of [...sleepers]) wake();
    },
  };
}
