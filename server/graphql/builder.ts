// The Pothos schema builder: plugins, the typed context, scalars and auth scopes.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { staff: boolean; manager: boolean };
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
}>({
  // scope-auth first, so no other plugin's wrapper runs before the check.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: ({ actor }) => ({
      staff: actor.kind === 'staff',
      manager: actor.kind === 'staff' && actor.role === 'MANAGER',
    }),
    unauthorizedError: (_parent, { actor }, info) => {
      const field = `${info.parentType.name}.${info.fieldName}`;
      if (actor.kind !== 'staff') {
        return new GraphQLError(`${field} is for staff: send a staff token as "Authorization: Bearer <token>"`, {
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      return new GraphQLError(`${field} needs a MANAGER token; "${actor.name}" is ${actor.role}`, {
        extensions: { code: 'FORBIDDEN' },
      });
    },
  },
  errors: { defaultTypes: [] },
  relay: {
    // Orders are found by number or tracking code; the global `node` lookup would bypass that.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
