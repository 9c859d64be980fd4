// Ends the live connections of a revoked token. A connection authenticates once, in
// connection_init, and its subscriptions then run for hours: without this, a revoked kitchen
// token would go on receiving every order. A revocation made in this process ends them at once
// (revocations.ts); one made by another process sharing the database is found by asking the
// database, every RECHECK_MS, which of the tokens this process serves are revoked: one query,
// and it needs nothing but the database, so it works while Redis is away too.
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { onRevocation } from '../auth/revocations.ts';
import { revokedAmong } from '../auth/tokens.ts';
import type { Database } from '../db/client.ts';

/** How often open connections' tokens are checked against the database. */
export const RECHECK_MS = 2_000;

/** graphql-ws's Forbidden: clients treat it as a refused token and stop instead of retrying. */
const REVOKED_CLOSE = { code: 4403, reason: 'Forbidden: token revoked' } as const;

export interface RevokedConnections {
  /** Ends `socket` when the token `tokenId` is revoked, until it is forgotten. */
  track(tokenId: number, socket: WebSocket): void;
  /** `socket` has closed. */
  forget(tokenId: number, socket: WebSocket): void;
  stop(): void;
}

export function endRevokedConnections(options: { db: Database; logger: Logger; recheckMs?: number }): RevokedConnections {
  const { db, logger, recheckMs = RECHECK_MS } = options;
  const byToken = new Map<number, Set<WebSocket>>();

  function end(tokenId: number): void {
    for (const socket of byToken.get(tokenId) ?? []) socket.close(REVOKED_CLOSE.code, REVOKED_CLOSE.reason);
    byToken.delete(tokenId);
  }

  const forget = onRevocation(db, end);
  let checking = false;
  const timer = setInterval(() => {
    if (checking || byToken.size === 0) return;
    checking = true;
    revokedAmong(db.read, [...byToken.keys()])
      .then((revoked) => revoked.forEach(end))
      .catch((error: unknown) => logger.warn({ err: error }, 'checking open connections for revoked tokens failed; trying again'))
      .finally(() => (checking = false));
  }, recheckMs);
  timer.unref();

  return {
    track(tokenId, socket) {
      const sockets = byToken.get(tokenId) ?? new Set<WebSocket>();
      byToken.set(tokenId, sockets);
      sockets.add(socket);
    },
    forget(tokenId, socket) {
      const sockets = byToken.get(tokenId);
      sockets?.delete(socket);
      if (sockets?.size === 0) byToken.delete(tokenId);
    },
    stop() {
      clearInterval(timer);
      forget();
    },
  };
}
