// News of a revoked token inside this process, so its live connections here end the moment the
// revocation commits rather than at their next recheck (revoked-connections.ts, which is how other
// processes sharing the database learn of it). Kept per database handle: two servers in one process
// (as in tests) on different databases never hear each other's token ids.
import type { Database } from '../db/client.ts';

type Listener = (tokenId: number) => void;

const listeners = new WeakMap<Database, Set<Listener>>();

/** Tells this process's listeners on `db` that the token `tokenId` was revoked. Call after the commit. */
export function announceRevocation(db: Database, tokenId: number): void {
  for (const listener of listeners.get(db) ?? []) listener(tokenId);
}

/** Calls `listener` with each token revoked through `db` in this process; returns the function that stops it. */
export function onRevocation(db: Database, listener: Listener): () => void {
  const set = listeners.get(db) ?? new Set<Listener>();
  listeners.set(db, set);
  set.add(listener);
  return () => set.delete(listener);
}
