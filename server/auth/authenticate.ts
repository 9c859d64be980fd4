// Who a request or a live connection acts as, from its Authorization value (an HTTP header or the
// graphql-ws connection_init payload). No value means a customer; a value that is not a valid
// staff token is refused, never ignored, so a typo never quietly becomes customer access.
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import { CUSTOMER, type Actor } from './actor.ts';
import { LAST_USED_PRECISION_MS, parseAuthorization, recordTokenUse, staffForSecret } from './tokens.ts';

export type Authenticate = (authorization: unknown) => Promise<Actor>;

export function authenticator(db: Database, options: { clock: () => Date; logger: Logger }): Authenticate {
  return async (authorization) => {
    const credentials = parseAuthorization(authorization);
    if (credentials.kind === 'none') return CUSTOMER;
    const found = credentials.kind === 'bearer' ? await staffForSecret(db.read, credentials.secret) : null;
    if (found) {
      const now = options.clock();
      if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
        // Bookkeeping: the request does not wait for it, and its failure fails nothing.
        recordTokenUse(db.write, found.staff.tokenId, now).catch((error: unknown) =>
          options.logger.warn({ err: error, tokenId: found.staff.tokenId }, 'recording when a token was used failed'),
        );
      }
      return found.staff;
    }
    const reason = credentials.kind === 'malformed' ? credentials.reason : 'the token is unknown or revoked';
    throw new GraphQLError(`not authenticated: ${reason}; check ORDERLINE_TOKEN or ask a manager for a token`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  };
}
