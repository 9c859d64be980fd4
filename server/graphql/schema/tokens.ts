// Staff API tokens and the viewer: who the current request acts as.
import type { Actor } from '../../auth/actor.ts';
import { announceRevocation } from '../../auth/revocations.ts';
import { createToken, listTokens, revokeToken } from '../../auth/tokens.ts';
import type { ApiToken } from '../../db/models.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { TEXT_ARGUMENTS, checkText } from '../../orders/text-rules.ts';
import { builder } from '../builder.ts';
import { parseIntId } from './args.ts';
import { RoleEnum } from './enums.ts';

const ApiTokenRef = builder.objectRef<ApiToken>('ApiToken').implement({
  description: 'A staff API token. The secret is shown once, at creation, and never stored.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: RoleEnum }),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to tell tokens apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the token last authenticated a request or a live connection, to the minute; null if never.',
    }),
  }),
});

const CreatedApiTokenRef = builder.objectRef<{ token: ApiToken; secret: string }>('CreatedApiToken').implement({
  fields: (t) => ({
    token: t.field({ type: ApiTokenRef, resolve: (created) => created.token }),
    secret: t.exposeString('secret', { description: 'Send as "Authorization: Bearer <secret>". Shown only now.' }),
  }),
});

const ViewerKindEnum = builder.enumType('ViewerKind', { values: ['STAFF', 'CUSTOMER'] as const });

const ViewerRef = builder.objectRef<Actor>('Viewer').implement({
  description: 'Who this request acts as.',
  fields: (t) => ({
    kind: t.field({ type: ViewerKindEnum, resolve: (actor) => (actor.kind === 'staff' ? 'STAFF' : 'CUSTOMER') }),
    name: t.string({ nullable: true, resolve: (actor) => (actor.kind === 'staff' ? actor.name : null) }),
    role: t.field({ type: RoleEnum, nullable: true, resolve: (actor) => (actor.kind === 'staff' ? actor.role : null) }),
    tokenId: t.id({ nullable: true, resolve: (actor) => (actor.kind === 'staff' ? actor.tokenId : null) }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({ type: ViewerRef, resolve: (_root, _args, { actor }) => actor }),
  apiTokens: t.field({
    type: [ApiTokenRef],
    authScopes: { manager: true },
    resolve: (_root, _args, { services }) => listTokens(services.db.read),
  }),
}));

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiTokenRef,
    authScopes: { manager: true },
    args: { name: t.arg.string({ required: true }), role: t.arg({ type: RoleEnum, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateApiTokenResult' } },
    resolve: (_root, { name, role }, { services }) => {
      const checked = checkText(name, 'name', TEXT_ARGUMENTS.tokenName);
      if (!checked) throw new ValidationError([{ path: 'name', message: 'give the token a name, e.g. "Grill screen"' }]);
      return createToken(services.db.write, checked, role);
    },
  }),
  revokeApiToken: t.field({
    type: ApiTokenRef,
    authScopes: { manager: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError, ValidationError], directResult: true, union: { name: 'RevokeApiTokenResult' } },
    resolve: async (_root, { id }, { services }) => {
      const token = await revokeToken(services.db.write, parseIntId(id, 'id')!);
      // Committed: this process's live connections of the token end now, not at their next recheck.
      announceRevocation(services.db, token.id);
      return token;
    },
  }),
}));
