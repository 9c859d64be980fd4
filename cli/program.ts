// The `orderline` command. Each command lives in cli/commands/ and registers itself here.
import { Command, CommanderError, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { registerCompletion } from './commands/completion.ts';
import { registerDb } from './commands/db.ts';
import { registerOrders } from './commands/orders.ts';
import { registerScreens } from './commands/screens.ts';
import { registerServe } from './commands/serve.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerStats } from './commands/stats.ts';
import { registerTokens } from './commands/tokens.ts';
import { registerWhoami } from './commands/whoami.ts';
import { CliError, EXIT } from './errors.ts';
import { EXIT_CODES_HELP, examples } from './help.ts';

export function buildProgram(): Command {
  const program = new Command('orderline')
    .description('Real-time order tracking for restaurants: the server, the kitchen and queue screens, and a CLI for managers and scripts.')
    .version('0.1.0')
    .addOption(new Option('--server <url>', 'the Orderline server').env('ORDERLINE_SERVER'))
    .addOption(new Option('--token <token>', 'a staff API token').env('ORDERLINE_TOKEN'))
    .addOption(new Option('--config <file>', 'config file with {"server", "token"}').env('ORDERLINE_CONFIG'))
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR works too)')
    .showSuggestionAfterError()
    .showHelpAfterError('(add --help for usage)')
    .exitOverride(usageError)
    .addHelpText(
      'after',
      `${EXIT_CODES_HELP}
${examples('serve', 'orders place --item "2x Margherita" --item Cola --customer Sam', 'orders advance 12', 'kitchen', 'orders watch --json', 'whoami')}`,
    );
  registerServe(program);
  registerDb(program);
  registerOrders(program);
  registerScreens(program);
  registerTokens(program);
  registerStats(program);
  registerWhoami(program);
  registerSimulate(program);
  registerCompletion(program);
  inheritSettings(program);
  return program;
}

/** Commander has printed its message; turn its errors into exit code 2, help into 0. */
function usageError(error: CommanderError): never {
  // Help asked for is a success; help shown because no command was given (exit code 1) is a usage error.
  if (['commander.helpDisplayed', 'commander.version'].includes(error.code)) process.exit(EXIT.ok);
  if (error.code === 'commander.help' && error.exitCode === 0) process.exit(EXIT.ok);
  throw new CliError('', EXIT.usage);
}

/** Every command reports usage errors the same way. */
function inheritSettings(command: CommandUnknownOpts): void {
  for (const sub of command.commands) {
    sub.exitOverride(usageError).showSuggestionAfterError().showHelpAfterError('(add --help for usage)');
    inheritSettings(sub);
  }
}
