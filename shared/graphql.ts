// Typed GraphQL documents for every client (the terminal clients and the web tracker). Result and
// variable types are derived from schema.graphql (through graphql-env.d.ts, written by
// `npm run schema:print`), never written by hand.
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; ID: string };
}>();

export type { ResultOf, VariablesOf } from 'gql.tada';
