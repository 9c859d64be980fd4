import type { Command } from '@commander-js/extra-typings';
import type { Api } from '../api/client.ts';
import type { ResultOf } from '../../shared/graphql.ts';
import { Viewer } from '../api/operations.ts';
import { withApi } from '../connect.ts';
import { CliError, EXIT } from '../errors.ts';
import { printJson, table } from '../output.ts';
import { printable } from '../../shared/printable.ts';
import { resolveSettings, type Setting } from '../settings.ts';
import { examples } from '../help.ts';

export function registerWhoami(program: Command): void {
  program
    .command('whoami')
    .description('Show which server and token the CLI uses, where each came from, and who the server says you are.')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Server and token come from, in order: --server/--token, ORDERLINE_SERVER/ORDERLINE_TOKEN, the config
file (--config, ORDERLINE_CONFIG, or ~/.config/orderline/config.json with {"server", "token"}),
then the token file a local server wrote (./data/manager-token, or in ORDERLINE_DATA_DIR), which is
only ever sent to a server on localhost.
${examples('whoami', 'ORDERLINE_TOKEN=olt_… orderline whoami --json')}`,
    )
    .action(async (options, command) => {
      const settings = await resolveSettings(command);
      return withApi(command, async (api) => {
        // Errors about a token or a server send people here, so show the settings even when the
        // server refuses the token or cannot be reached, then fail the way the call failed.
        const { viewer, failure } = await askViewer(api);
        const origin = (s: Setting<unknown>) => (s.file ? `${s.source} ${s.file}` : s.source);
        const token = settings.token.value ? `${settings.token.value.slice(0, 8)}…` : '(none)';
        if (options.json) {
          printJson({
            server: { value: settings.server.value, source: settings.server.source, file: settings.server.file },
            token: { value: settings.token.value ? token : null, source: settings.token.source, file: settings.token.file },
            viewer,
          });
          if (failure) throw failure;
          return;
        }
        let who = 'no staff token: customer access only';
        if (failure) who = failure.exitCode === EXIT.auth ? 'refused (see below)' : 'unknown: no answer (see below)';
        else if (viewer?.kind === 'STAFF') who = `${printable(viewer.name ?? '')} (${viewer.role})`;
        process.stdout.write(
          table(
            ['', 'VALUE', 'FROM'],
            [
              ['server', settings.server.value, origin(settings.server)],
              ['token', token, origin(settings.token)],
              ['you are', who, 'the server'],
            ],
          ),
        );
        if (failure) throw failure;
      });
    });
}

/** Who the server says the token belongs to, or the error that kept it from saying. */
async function askViewer(api: Api): Promise<{ viewer: ResultOf<typeof Viewer>['viewer'] | null; failure?: CliError }> {
  try {
    return { viewer: (await api.query(Viewer, {})).viewer };
  } catch (error) {
    if (error instanceof CliError) return { viewer: null, failure: error };
    throw error;
  }
}
