// The error every operation limit answers with: typed, and naming the setting to change. Yoga
// answers it as the GraphQL-over-HTTP spec says: HTTP 400 for clients that accept
// application/graphql-response+json (urql, our clients), 200 for those that accept only application/json.
import { GraphQLError } from 'graphql';
import type { LimitName } from '../../limits.ts';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

export function tooComplex(message: string, limit?: LimitName): GraphQLError {
  const setting = limit ? ` (the server's \`orderline serve --limit ${limit}=N\`)` : '';
  return new GraphQLError(`${message}; ask for less in one operation${setting}`, {
    extensions: { code: QUERY_TOO_COMPLEX, ...(limit ? { limit } : {}) },
  });
}
