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
    .description('The kitchen display: open tickets live as cards, rush and oldest first, bumped with one key.')
    .option('--station <station>', 'show and bump this station’s items (repeatable); a ticket leaves when they are done', collect(String))
    .option('--expo', 'the expo’s view: every station’s progress; a bump hands out a ticket all stations finished')
    .option('--quiet', 'no bell when a ticket arrives')
    .addHelpText(
      'after',
      `
Keys (a bump bar is a keyboard):
  ←→↑↓ or h j k l   select            PgUp PgDn Home End  page
  Enter or Space    bump the selected ticket (on a station screen: that station's items)
  1-9               bump the ticket at that place        i then 1-9  bump one item
  r                 recall the ticket this screen bumped last (R lists what can be recalled)
  p                 rush on / off                        z           open a ticket whole
  /                 find by number, dish, customer       a           all-day counts
  ?                 every key                            Esc         close what is open
  q                 quit (Ctrl-C exits 130); Esc never quits

What a bump does is the kitchen's choice (\`orderline serve --bump step|done\`): one status along,
or the ticket done. On a station screen a bump finishes that station's items; the order is ready
when every station is done (or when the expo hands it out, with \`serve --expo\`). A new ticket
rings the bell and is marked NEW; one changed elsewhere is marked CHANGED; a cancelled ticket stays
struck through with its reason until you bump it away. Timers turn amber (! SOON) and red (‼ LATE)
at the kitchen's thresholds (\`serve --timers\`). Allergy words are shown in reverse video and never
folded away. If the server goes away the header says so and since when, tickets stay on screen,
and a bump pressed meanwhile is kept and sent once when the connection is back. A kitchen token is
enough.
${examples('kitchen', 'kitchen --station grill', 'kitchen --expo --quiet', 'ORDERLINE_TOKEN=<kitchen token> orderline kitchen --server http://pos.local:4000')}`,
    )
    .action((options, command) => {
      prepareTerminal('kitchen');
      return onScreen(command, async (api) =>
        (await import('../tui/run-screen.tsx')).runKitchen(api, { stations: options.station ?? [], expo: options.expo ?? false, quiet: options.quiet ?? false }),
      );
    });

  program
    .command('queue')
    .description('The manager’s queue: every open order with live counters; open, advance, set or cancel from the keyboard.')
    .addHelpText(
      'after',
      `
Keys: ↑↓ (or jk) select · Enter or o opens the order (items, notes, its whole history, live) ·
a advances it · s sets any status the lifecycle allows · c cancels it (type the reason, Enter;
Esc keeps the order) · t sorts by age, due time or status · / finds by number, dish, customer or
table · q quits (Ctrl-C exits 130); Esc only closes what is open. New orders, cancellations and
late tickets ring the bell and show on their own line. Counters are the server's, as
\`orderline stats\` gives them. Cancelling needs a manager token.
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
