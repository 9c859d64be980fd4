// Counts turns of the event loop (one per check phase, where setImmediate callbacks run), for
// tests of work that must be done in slices rather than in one long turn.
export function turnCounter(): { now: () => number; stop: () => void } {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => void (running = false) };
}

/** How many of `turns` (the turn each thing happened in) fell in each turn. */
export function perTurn(turns: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const turn of turns) counts.set(turn, (counts.get(turn) ?? 0) + 1);
  return counts;
}
