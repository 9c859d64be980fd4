// Who a request or a live connection acts as, from its Authorization value (an HTTP header or the
// graphql-ws connection_init payload). No value means a customer; a value that is not a valid
// staff token is refused, never ignored, so a typo never quietly becomes customer access.
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import type { RateLimit } from '../http/rate-limits.ts';
import { CUSTOMER, type Actor } from './actor.ts';
import { onRevocation } from './revocations.ts';
import { hashToken, LAST_USED_PRECISION_MS, parseAuthorization, recordTokenUse, staffForTokenHash, type Staff } from './tokens.ts';

/** How many lately accepted tokens an authenticator remembers (far more than a restaurant's screens). */
const REMEMBERED_TOKENS = 1_000;
/**
 * How long an accepted token is taken on trust before it is looked up again. A revocation made in
 * this process ends that trust at once; one made by another process sharing the database reaches
 * this one's requests within this, as it reaches its live connections within their recheck.
 */
export const TRUSTED_FOR_MS = 1_000;

/** `address` is the client's (client-address.ts), for the limits kept per address. */
export type Authenticate = (authorization: unknown, address: string) => Promise<Actor>;

/** A token accepted lately, as it was looked up; `lastUsedAt` as this process last recorded it. */
interface Accepted {
  staff: Staff;
  lastUsedAt: Date | null;
  trustedUntil: number;
}

export interface Authenticator {
  authenticate: Authenticate;
  /** Resolves once the bookkeeping of tokens used so far is written: before the database closes. */
  settled(): Promise<void>;
}

/**
 * `failedLogins` counts refused tokens per address. Once an address is over it, every token it
 * presents is refused with RATE_LIMITED until the minute is up, a valid one too: it is not even
 * looked up, so guessing costs no database work, and a guess that happens to be right is not
 * confirmed. Tokens are long random secrets, so the lockout is not what stops guessing; it stops
 * an address from making every guess cost a database read. Requests without a token (customers)
 * and subscriptions already running are unaffected; a new operation on an open graphql-ws
 * connection authenticates again, and waits like any other.
 */
export function authenticator(db: Database, options: { clock: () => Date; logger: Logger; failedLogins: RateLimit }): Authenticator {
  // One write at a time per token: a burst of requests from one screen records its use once.
  const recording = new Map<number, Promise<void>>();

  function noteUse(token: Accepted): void {
    const now = options.clock();
    const { tokenId } = token.staff;
    if (recording.has(tokenId) || (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < LAST_USED_PRECISION_MS)) return;
    token.lastUsedAt = now;
    // Bookkeeping: the request does not wait for it, and its failure fails nothing.
    const write = recordTokenUse(db.write, tokenId, now)
      .catch((error: unknown) => options.logger.warn({ err: error, tokenId }, 'recording when a token was used failed'))
      .finally(() => recording.delete(tokenId));
    recording.set(tokenId, write);
  }

  // Tokens accepted lately, by hash. An address over its refused tokens still gets these looked
  // up: kitchen screens share a restaurant's Wi-Fi address with its customers, and one of them
  // guessing tokens must not lock the screens out. Any other token from there waits, unchecked,
  // so a lucky guess is never confirmed. Within TRUSTED_FOR_MS of its lookup a token is not looked
  // up again: a screen's every request would cost a read (an authenticated `{ __typename }` ran at
  // a third of an anonymous one's rate).
  const accepted = new Map<string, Accepted>();
  function rememberAccepted(hash: string, token: Accepted): void {
    accepted.delete(hash);
    accepted.set(hash, token);
    if (accepted.size > REMEMBERED_TOKENS) accepted.delete(accepted.keys().next().value!);
  }
  onRevocation(db, (tokenId) => {
    for (const token of accepted.values()) if (token.staff.tokenId === tokenId) token.trustedUntil = -Infinity;
  });
  const trusted = (hash: string | undefined) => {
    const token = hash === undefined ? undefined : accepted.get(hash);
    return token && performance.now() < token.trustedUntil ? token : undefined;
  };

  return {
    async authenticate(authorization, address) {
      const credentials = parseAuthorization(authorization);
      if (credentials.kind === 'none') return CUSTOMER;
      const hash = credentials.kind === 'bearer' ? hashToken(credentials.secret) : undefined;
      const known = trusted(hash);
      if (known) {
        noteUse(known);
        return known.staff;
      }
      if (!hash || !accepted.has(hash)) await options.failedLogins.refuseIfExhausted(address);
      const found = hash ? await staffForTokenHash(db.read, hash) : null;
      if (found) {
        const token = { ...found, trustedUntil: performance.now() + TRUSTED_FOR_MS };
        rememberAccepted(hash!, token);
        noteUse(token);
        return found.staff;
      }
      if (hash) accepted.delete(hash);
      await options.failedLogins.spend(address);
      const reason = credentials.kind === 'malformed' ? credentials.reason : 'the token is unknown or revoked';
      throw new GraphQLError(`not authenticated: ${reason}; check ORDERLINE_TOKEN or ask a manager for a token`, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    },
    async settled() {
      await Promise.all(recording.values());
    },
  };
}
