// Work over thousands of sockets or views is done a slice per turn of the event loop, so that a
// request arriving meanwhile (a query, a bump) waits for one slice, not for all of it.

/** Sockets written to (a frame each: a change, a ping) in one turn: a few milliseconds of writes. */
export const SOCKETS_PER_TURN = 128;

/** Resolves on the event loop's next turn, after the I/O that arrived meanwhile. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
