// Who a request or a live connection acts as, from its Authorization value (an HTTP header or the
// graphql-ws connection_init payload). No value means a customer; a value that is not a valid
// staff token is refused, never ignored, so a typo never quietly becomes customer access.
import { GraphQLError } from 'graphql';
import type { PrismaClient } from '../db/client.ts';
import { CUSTOMER, type Actor } from './actor.ts';
import { parseAuthorization, staffForSecret } from './tokens.ts';

export type Authenticate = (authorization: unknown) => Promise<Actor>;

export function authenticator(db: PrismaClient): Authenticate {
  return async (authorization) => {
    const credentials = parseAuthorization(authorization);
    if (credentials.kind === 'none') return CUSTOMER;
    const staff = credentials.kind === 'bearer' ? await staffForSecret(db, credentials.secret) : null;
    if (staff) return staff;
    const reason = credentials.kind === 'malformed' ? credentials.reason : 'the token is unknown or revoked';
    throw new GraphQLError(`not authenticated: ${reason}; check ORDERLINE_TOKEN or ask a manager for a token`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  };
}
