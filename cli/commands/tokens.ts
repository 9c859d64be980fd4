// `orderline tokens …`: staff API tokens (managers only).
import { Command, Option } from '@commander-js/extra-typings';
import { expectSuccess } from '../api/results.ts';
import { CreateToken, ListTokens, RevokeToken } from '../api/operations.ts';
import { withApi } from '../connect.ts';
import { color, moment, printJson, say, table } from '../output.ts';
import { examples } from '../help.ts';
import { printable, printableData } from '../../shared/printable.ts';

/** The roles as typed on the command line, and as the API spells them. */
const ROLE = { kitchen: 'KITCHEN', manager: 'MANAGER' } as const;

export function registerTokens(program: Command): void {
  const tokens = program
    .command('tokens')
    .description('Manage staff API tokens (needs a manager token).')
    .addHelpText('after', examples('tokens list', 'tokens create --role kitchen --name "Grill screen"', 'tokens revoke 3'));

  tokens
    .command('create')
    .description('Create a token. Its secret is printed once, on stdout; store it now.')
    .addOption(new Option('--role <role>', 'kitchen (moves orders along) or manager (also cancels, manages tokens)').choices(['kitchen', 'manager']).makeOptionMandatory())
    .requiredOption('--name <name>', 'who or what uses it, e.g. "Grill screen"')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('tokens create --role kitchen --name "Grill screen"', 'tokens create --role manager --name Alice --json'))
    .action((options, command) =>
      withApi(command, async (api) => {
        const { createApiToken } = await api.mutate(CreateToken, { name: options.name, role: ROLE[options.role] });
        const created = expectSuccess(createApiToken, 'CreatedApiToken');
        if (options.json) return printJson({ secret: created.secret, token: created.token });
        process.stdout.write(`${created.secret}\n`);
        say(`created ${created.token.role} token ${created.token.id} "${printable(created.token.name)}"; the secret above is shown only now`);
      }),
    );

  tokens
    .command('list')
    .description('List tokens, revoked ones included, with when each was last used (to the minute).')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('tokens list'))
    .action((options, command) =>
      withApi(command, async (api) => {
        const { apiTokens } = await api.query(ListTokens, {});
        if (options.json) return printJson(apiTokens);
        process.stdout.write(
          table(
            ['ID', 'NAME', 'ROLE', 'STARTS WITH', 'CREATED', 'LAST USED', 'STATE'],
            // Names from before the server refused control characters may still carry them.
            printableData(apiTokens).map((t) => [
              t.id,
              t.name,
              t.role,
              `${t.prefix}…`,
              moment(t.createdAt),
              t.lastUsedAt ? moment(t.lastUsedAt) : 'never',
              t.revokedAt ? color.red(`revoked ${moment(t.revokedAt)}`) : 'active',
            ]),
          ),
        );
      }),
    );

  tokens
    .command('revoke')
    .description('Revoke a token at once. The last manager token cannot be revoked.')
    .argument('<id>', 'the token id, from `tokens list`')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('tokens revoke 3'))
    .action((id: string, options, command) =>
      withApi(command, async (api) => {
        const { revokeApiToken } = await api.mutate(RevokeToken, { id });
        const token = expectSuccess(revokeApiToken, 'ApiToken');
        if (options.json) return printJson(token);
        process.stdout.write(`revoked token ${token.id} "${printable(token.name)}" (${token.role})\n`);
      }),
    );
}
