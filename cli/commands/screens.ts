// `orderline kitchen` and `orderline queue`: the full-screen terminal clients (Ink). Loaded only
// when run, so the rest of the CLI starts without React.
import type { Command } from '@commander-js/extra-typings';
import type { Api } from '../api/client.ts';
import { withApi } from '../connect.ts';
import { CliError, EXIT } from '../errors.ts';
import { collect } from '../values.ts';
import { examples } from '../help.ts';

export function registerScreens(program: Command): void {
  program
    .command('kitchen')
    .description('The kitchen display: open tickets live, rush and oldest first, bumped with one key.')
    .option('--station <station>', 'show this station’s items (repeatable); tickets without any are left out', collect(String))
    .addHelpText(
      'after',
      `
Keys: ←→↑↓ (or hjkl) select a ticket · Enter or Space bumps it to its next status · 1-9 bump
the ticket in that place on the page shown · q or Esc quits (Ctrl-C exits 130). A ticket leaves
the screen when it is ready; its number stays in the "Ready" line until it is picked up. A bump
applies to the ticket as shown: one another screen moved first is refused, not moved twice. If
the server goes away the screen keeps what it knows, says so, and catches up when it returns.
A ticket still open from an earlier day shows that day (numbers restart daily). A kitchen token
is enough.
${examples('kitchen', 'kitchen --station grill', 'ORDERLINE_TOKEN=<kitchen token> orderline kitchen --server http://pos.local:4000')}`,
    )
    .action((options, command) => {
      prepareTerminal('kitchen');
      return onScreen(command, async (api) => (await import('../tui/run-screen.tsx')).runKitchen(api, options.station ?? []));
    });

  program
    .command('queue')
    .description('The manager’s queue: every open order with live counters; advance or cancel from the keyboard.')
    .addHelpText(
      'after',
      `
Keys: ↑↓ (or jk) select · Enter or a advances the order · c cancels it (type the reason, Enter;
Esc keeps the order) · q quits (Ctrl-C exits 130); Esc never does. Cancelling needs a manager
token.
${examples('queue', 'queue --server http://pos.local:4000')}`,
    )
    .action((_options, command) => {
      prepareTerminal('queue');
      return onScreen(command, async (api) => (await import('../tui/run-screen.tsx')).runQueue(api));
    });
}

/**
 * Runs a screen until the user quits, then exits at once: a request still retrying an unreachable
 * server must not hold the terminal after the user has left.
 */
async function onScreen(command: Command, screen: (api: Api) => Promise<void>): Promise<never> {
  await withApi(command, screen);
  process.exit(EXIT.ok);
}

/**
 * A full screen needs a terminal for its keys and its drawing (scripts have other commands), and
 * honours NO_COLOR. Runs before Ink is loaded.
 */
function prepareTerminal(name: string): void {
  // Ink's colours (chalk) know --no-color but not NO_COLOR; every status is a word on screen anyway.
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  if (process.stdin.isTTY && process.stdout.isTTY) {
    // Ink believes a CI variable (read once, when Ink loads) and then draws nothing until it exits,
    // as suits a build log. On a real terminal the screen is interactive whatever the variable says.
    delete process.env.CI;
    delete process.env.CONTINUOUS_INTEGRATION;
    return;
  }
  throw new CliError(
    `\`orderline ${name}\` is a full-screen display and needs a terminal.\nIn scripts, follow the orders with \`orderline orders watch --json\` and change them with \`orderline orders advance\`.`,
    EXIT.usage,
  );
}
