// `orderline orders …`: find, place and change orders.
import { randomUUID } from 'node:crypto';
import { Command, Option } from '@commander-js/extra-typings';
import { expectSuccess } from '../api/results.ts';
import type { ResultOf, VariablesOf } from '../../shared/graphql.ts';
import type { Api } from '../api/client.ts';
import { AdvanceOrder, BumpItems, CancelOrder, ListOrders, Menu, OrderId, PlaceOrder, RecallOrder, SetRush, SetStatus, ShowOrder } from '../api/operations.ts';
import { withApi } from '../connect.ts';
import { examples } from '../help.ts';
import { CliError, EXIT } from '../errors.ts';
import { findDish, parseItemSpec } from '../item-spec.ts';
import { age, color, items, money, printJson, printJsonLine, say, status, table, time } from '../output.ts';
import { printableData } from '../../shared/printable.ts';
import { collect, parseBusinessDate, parseOrderNumber, parsePositiveInt, parseStatus, parseType } from '../values.ts';
import { registerApply } from './orders-apply.ts';
import { registerWatch } from './orders-watch.ts';

type Order = NonNullable<ResultOf<typeof ShowOrder>['order']>;
type Change = ResultOf<typeof AdvanceOrder>['advanceOrder'];
type ItemsResult = ResultOf<typeof BumpItems>['bumpItems'] | ResultOf<typeof RecallOrder>['recallOrder'];
type ItemsChange = Extract<ItemsResult, { __typename: 'OrderChange' }>;

export function registerOrders(program: Command): void {
  const orders = program
    .command('orders')
    .description('Find, place and change orders; follow them live.')
    .addHelpText('after', examples('orders list', 'orders place --item "2x Margherita" --item Cola --customer Sam', 'orders advance 12', 'orders watch --json'));

  orders
    .command('list')
    .description('List orders, oldest first (the newest --limit of them).')
    .option('-s, --status <status>', 'only this status (repeatable)', collect(parseStatus))
    .option('-t, --type <type>', 'only DINE_IN, TAKEOUT or DELIVERY (repeatable)', collect(parseType))
    .option('--station <station>', 'only orders with an item for this station (repeatable)', collect(String))
    .option('--date <YYYY-MM-DD>', 'only this business date', parseBusinessDate)
    .option('-n, --limit <count>', 'how many orders at most', (v) => parsePositiveInt(v, '--limit'), 50)
    .option('--json', 'print JSON')
    .addHelpText('after', examples('orders list --status preparing --status ready', 'orders list --type delivery --json', 'orders list --station grill -n 10'))
    .action((options, command) =>
      withApi(command, async (api) => {
        const filter = { statuses: options.status, types: options.type, stations: options.station, date: options.date };
        const list = await newestOrders(api, filter, options.limit);
        if (options.json) return printJson(list);
        if (list.length === 0) return say('no orders match');
        // Customers wrote the names and notes: shown, never obeyed, by the terminal.
        process.stdout.write(
          table(
            ['#', 'STATUS', 'TYPE', 'CUSTOMER', 'ITEMS', 'AGE', 'READY BY'],
            printableData(list).map((o) => [
              o.number,
              status(o.status) + (o.late ? color.red(' late') : ''),
              o.type,
              o.customerName,
              truncate(items(o.items), 40),
              age(o.placedAt),
              time(o.readyAt ?? o.estimatedReadyAt),
            ]),
          ),
        );
      }),
    );

  orders
    .command('show')
    .description('Show one order with its history.')
    .argument('<number>', 'the order number (the most recent order with it)', parseOrderNumber)
    .addOption(dateOption())
    .option('--json', 'print JSON')
    .addHelpText('after', examples('orders show 12', 'orders show 12 --json', 'orders show 12 --date 2026-03-02'))
    .action((number: number, options, command) =>
      withApi(command, async (api) => {
        const { order } = await api.query(ShowOrder, { number, date: options.date });
        if (!order) throw noSuchOrder(number, options.date);
        if (options.json) return printJson(order);
        process.stdout.write(describeOrder(printableData(order)));
      }),
    );

  orders
    .command('place')
    .description('Place an order; prints its number and the customer’s tracking link.')
    .requiredOption('-i, --item <item>', 'what to make, like "2x Margherita (extra cheese)" (repeatable)', collect(String))
    .requiredOption('-c, --customer <name>', 'the customer’s name')
    .addOption(new Option('-t, --type <type>', 'DINE_IN, TAKEOUT or DELIVERY').argParser(parseType).default('TAKEOUT'))
    .option('--table <table>', 'the table, for DINE_IN')
    .option('--address <address>', 'where to deliver, for DELIVERY')
    .option('--notes <notes>', 'notes for the kitchen')
    .option('--rush', 'the kitchen takes it first')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples(
        'orders place --item "2x Margherita" --item Cola --customer Sam',
        'orders place -i "Cheeseburger (no onion, well done)" -c Alex --type delivery --address "12 Quay St"',
        'orders place -i Espresso -c "Table 4" --type dine-in --table 4 --json',
      ),
    )
    .action((options, command) =>
      withApi(command, async (api) => {
        const { menu } = await api.query(Menu, {});
        const lines = options.item.map(parseItemSpec).map((spec) => {
          const dish = findDish(spec.dish, menu);
          return { menuItemId: dish.id, quantity: spec.quantity, modifiers: spec.modifiers };
        });
        const input = {
          customerName: options.customer,
          type: options.type,
          table: options.table,
          address: options.address,
          notes: options.notes,
          rush: options.rush ?? false,
          items: lines,
        };
        const { placeOrder } = await api.mutate(PlaceOrder, { input, idempotencyKey: randomUUID() });
        const { order } = expectSuccess(placeOrder, 'OrderChange');
        if (options.json) return printJson(order);
        process.stdout.write(`Order #${order.number} placed · ${status(order.status)} · ready by ${time(order.promisedAt)} · ${money(order.totalCents)}\n`);
        process.stdout.write(`Tracking: ${order.trackingUrl}\n`);
      }),
    );

  orders
    .command('set-status')
    .description('Set an order’s status. Setting the status it already has changes nothing.')
    .argument('<number>', 'the order number', parseOrderNumber)
    .argument('<status>', `the new status: ${['PENDING', 'CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'COMPLETED', 'CANCELLED'].join(', ')}`, parseStatus)
    .option('--note <text>', 'a note for the log (the reason, for CANCELLED)')
    .addOption(dateOption())
    .addOption(expectVersionOption())
    .option('--json', 'print JSON')
    .addHelpText('after', examples('orders set-status 12 ready', 'orders set-status 12 preparing --expect-version 3', 'orders set-status 12 cancelled --note "kitchen closed"'))
    .action((number: number, to: string, options, command) =>
      withApi(command, async (api) => {
        // The server would answer "reason: say why…", naming a field this command does not have.
        if (to === 'CANCELLED' && !options.note) {
          throw new CliError(`cancelling needs a reason: add --note "why", or run \`orderline orders cancel ${number} --reason "why"\``, EXIT.usage);
        }
        const variables = { ...(await orderRef(api, number, options.date)), status: to as never, note: options.note, expectedVersion: options.expectVersion, idempotencyKey: randomUUID() };
        const { updateOrderStatus } = await api.mutate(SetStatus, variables);
        report(updateOrderStatus, options.json);
      }),
    );

  orders
    .command('advance')
    .description('Move orders one step along (a bump on the kitchen screen).')
    .argument('<numbers...>', 'order numbers', (v: string, prev: number[] = []) => [...prev, parseOrderNumber(v)])
    .addOption(dateOption())
    .option('--expect-version <n>', 'refuse if the order changed since you saw this version (one order only)', (v) => parsePositiveInt(v, '--expect-version'))
    .option('--json', 'print JSON, one change per line')
    .addHelpText('after', examples('orders advance 12', 'orders advance 12 13 14', 'orders advance 12 --expect-version 3'))
    .action((numbers: number[], options, command) =>
      withApi(command, async (api) => {
        if (options.expectVersion !== undefined && numbers.length > 1) {
          throw new CliError('--expect-version applies to one order; give one number', EXIT.usage);
        }
        await eachOrder(numbers, async (number) => {
          const { advanceOrder } = await api.mutate(AdvanceOrder, { ...(await orderRef(api, number, options.date)), expectedVersion: options.expectVersion, idempotencyKey: randomUUID() });
          report(advanceOrder, options.json, true);
        });
      }),
    );

  orders
    .command('cancel')
    .description('Cancel an order (managers only).')
    .argument('<number>', 'the order number', parseOrderNumber)
    .requiredOption('-r, --reason <text>', 'why: the customer and the log see it')
    .addOption(dateOption())
    .addOption(expectVersionOption())
    .option('--json', 'print JSON')
    .addHelpText('after', examples('orders cancel 12 --reason "customer called"', 'orders cancel 12 --date 2026-03-02 --reason "never collected"'))
    .action((number: number, options, command) =>
      withApi(command, async (api) => {
        const { cancelOrder } = await api.mutate(CancelOrder, {
          ...(await orderRef(api, number, options.date)),
          reason: options.reason,
          expectedVersion: options.expectVersion,
          idempotencyKey: randomUUID(),
        });
        report(cancelOrder, options.json);
      }),
    );

  itemsCommand(orders, {
    name: 'bump',
    description: 'Mark items done, as a station’s bump does: a station’s items, some by id, or the whole ticket.',
    details: `
With neither --station nor --item, every item of the ticket is done. The first bump starts the
order (PREPARING) and the last makes it READY, unless the server runs with --expo, which leaves
it for the expo's bump. Bumping what is already done changes nothing.
`,
    examples: ['orders bump 12 --station oven', 'orders bump 12 --item 31 --item 32', 'orders bump 12'],
    verb: 'done',
    send: async (api, variables) => (await api.mutate(BumpItems, variables)).bumpItems,
  });

  itemsCommand(orders, {
    name: 'recall',
    description: 'Take back a recent bump: the items cook again and a READY order is PREPARING again.',
    details: `
With neither --station nor --item, every item that is done cooks again. Only bumps within the
server's recall window (\`orderline serve --recall-minutes\`, 10 by default) can be taken back;
a later recall is refused as a conflict (exit 3), and so is one of an order that left the kitchen.
`,
    examples: ['orders recall 12 --station grill', 'orders recall 12 --item 31', 'orders recall 12 --note "wrong side"'],
    verb: 'recalled',
    send: async (api, variables) => (await api.mutate(RecallOrder, variables)).recallOrder,
  });

  orders
    .command('rush')
    .description('Mark an open order as rush, so the screens take it first; --off makes it an ordinary order again.')
    .argument('<number>', 'the order number', parseOrderNumber)
    .option('--off', 'no longer rush')
    .addOption(dateOption())
    .addOption(expectVersionOption())
    .option('--json', 'print JSON')
    .addHelpText('after', examples('orders rush 12', 'orders rush 12 --off'))
    .action((number: number, options, command) =>
      withApi(command, async (api) => {
        const rush = !options.off;
        const { setRush } = await api.mutate(SetRush, { ...(await orderRef(api, number, options.date)), rush, expectedVersion: options.expectVersion, idempotencyKey: randomUUID() });
        const change = expectSuccess(setRush, 'OrderChange');
        const line = change.event ? `#${change.order.number}  rush ${rush ? 'on' : 'off'}  (version ${change.order.version})` : `#${change.order.number}  rush already ${rush ? 'on' : 'off'}; nothing changed`;
        printChange(change, options.json, replayedNote(change, line));
      }),
    );

  registerApply(orders);
  registerWatch(orders);
}

/**
 * `--date` for the commands that name one order. Numbers restart every business day, so a number
 * alone names the newest order with it; an order still open from an earlier day needs its date.
 */
function dateOption() {
  return new Option('--date <YYYY-MM-DD>', 'the order’s business date, when not the latest with the number').argParser(parseBusinessDate);
}

/** `--expect-version` for the commands that change one order: optimistic concurrency, as the API has it. */
function expectVersionOption() {
  return new Option('--expect-version <n>', 'refuse if the order changed since you saw this version').argParser((v) => parsePositiveInt(v, '--expect-version'));
}

/** How a change names the order: by number (the newest with it) or, given its date, by that day's order's id. */
async function orderRef(api: Api, number: number, date: string | undefined): Promise<{ number: number } | { id: string }> {
  if (!date) return { number };
  const { order } = await api.query(OrderId, { number, date });
  if (!order) throw noSuchOrder(number, date);
  return { id: order.id };
}

function noSuchOrder(number: number, date: string | undefined): CliError {
  return date
    ? new CliError(`there is no order number ${number} on ${date}; \`orderline orders list --date ${date}\` shows that day's orders`, EXIT.notFound)
    : new CliError(`there is no order number ${number}; \`orderline orders list\` shows the orders`, EXIT.notFound);
}

interface Changed {
  order: { number: number; status: string; version: number };
  event: { fromStatus: string | null; toStatus: string | null } | null;
  replayed: boolean;
}

/** Prints a change; throws its typed error as a CliError. */
function report(result: Change, json: boolean | undefined, jsonLine = false): void {
  const change = expectSuccess(result, 'OrderChange');
  printChange(change, json, changeLine(change), jsonLine);
}

/** A change as JSON, or as its line for people. */
function printChange(change: Changed, json: boolean | undefined, line: string, jsonLine = false): void {
  if (json) {
    const value = { order: change.order, event: change.event, replayed: change.replayed };
    return jsonLine ? printJsonLine(value) : printJson(value);
  }
  process.stdout.write(`${line}\n`);
}

function changeLine(change: Changed): string {
  const { order, event } = change;
  if (!event) return `#${order.number}  already ${status(order.status)}; nothing changed`;
  return replayedNote(change, `#${order.number}  ${status(event.fromStatus ?? '-')} → ${status(event.toStatus ?? '-')}  (version ${order.version})`);
}

function replayedNote(change: Changed, line: string): string {
  return change.replayed ? `${line}  already applied earlier; not applied again` : line;
}

/**
 * `orders bump` and `orders recall`: the same order, the same choice of items (a station's, some
 * by id, or the whole ticket), the same report of which items changed and where the order went.
 */
function itemsCommand(
  orders: Command,
  spec: { name: string; description: string; details: string; examples: string[]; verb: string; send: (api: Api, variables: VariablesOf<typeof BumpItems>) => Promise<ItemsResult> },
): void {
  orders
    .command(spec.name)
    .description(spec.description)
    .argument('<number>', 'the order number', parseOrderNumber)
    .addOption(new Option('--station <name>', 'only this station’s items').conflicts('item'))
    .option('--item <id>', 'only this item, by the id `orderline orders show` lists (repeatable)', collect(parseItemId))
    .option('--note <text>', 'a note for the log')
    .addOption(dateOption())
    .addOption(expectVersionOption())
    .option('--json', 'print JSON')
    .addHelpText('after', `${spec.details}${examples(...spec.examples)}`)
    .action((number: number, options, command) =>
      withApi(command, async (api) => {
        const variables = {
          ...(await orderRef(api, number, options.date)),
          station: options.station,
          itemIds: options.item,
          note: options.note,
          expectedVersion: options.expectVersion,
          idempotencyKey: randomUUID(),
        };
        const change = expectSuccess(await spec.send(api, variables), 'OrderChange');
        printChange(change, options.json, itemsLine(change, spec.verb, options.station));
      }),
    );
}

/** "#12  oven done: 2× Margherita · PENDING → PREPARING  (version 2)": the items it changed, and the order's move. */
function itemsLine(change: ItemsChange, verb: string, station: string | undefined): string {
  const { order, event } = change;
  const what = station ? `${station} ` : '';
  if (!event) return `#${order.number}  ${what}already ${verb}; nothing changed`;
  const changed = printableData(order.items.filter((item) => event.itemIds.includes(item.id)));
  const moved = event.fromStatus && event.toStatus ? `${status(event.fromStatus)} → ${status(event.toStatus)}` : status(order.status);
  return replayedNote(change, `#${order.number}  ${what}${verb}: ${items(changed)} · ${moved}  (version ${order.version})`);
}

/** An item's id as `orders show` lists it. */
function parseItemId(input: string): string {
  const value = input.trim();
  if (/^[1-9]\d*$/.test(value)) return value;
  throw new CliError(`"${input}" is not an item id (the number \`orderline orders show\` lists before each item, such as 31)`, EXIT.usage);
}

/** Runs `work` for every order, going on after failures; fails at the end with their exit code. */
async function eachOrder(numbers: number[], work: (number: number) => Promise<void>): Promise<void> {
  const failures: CliError[] = [];
  for (const number of numbers) {
    try {
      await work(number);
    } catch (error) {
      if (!(error instanceof CliError) || numbers.length === 1) throw error;
      say(`orderline: #${number}: ${error.message}`);
      failures.push(error);
    }
  }
  if (failures.length) {
    const codes = new Set(failures.map((f) => f.exitCode));
    throw new CliError(`${failures.length} of ${numbers.length} orders were not changed`, codes.size === 1 ? failures[0]!.exitCode : EXIT.failure);
  }
}

function describeOrder(order: Order): string {
  const where = order.table ? ` · table ${order.table}` : order.address ? ` · ${order.address}` : '';
  const lines = [
    color.bold(`Order #${order.number}`) + ` · ${order.type}${where} · ${order.customerName}${order.rush ? color.red(' · RUSH') : ''}`,
    `Status     ${status(order.status)} (version ${order.version})${order.cancelReason ? ` — ${order.cancelReason}` : ''}`,
    `Items      ${items(order.items)} · ${money(order.totalCents)}`,
    ...itemLines(order.items),
    `Placed     ${time(order.placedAt)}   promised ${time(order.promisedAt)}   ${order.readyAt ? `ready ${time(order.readyAt)}` : `estimate ${time(order.estimatedReadyAt)}`}${order.minutesLate ? color.red(` (${order.minutesLate} min late)`) : ''}`,
  ];
  if (order.notes) lines.push(`Notes      ${order.notes}`);
  lines.push(`Tracking   ${order.trackingUrl}`, '', color.bold('History'));
  for (const event of order.history) {
    const change = event.toStatus ? `${event.fromStatus ?? ''} → ${event.toStatus}` : event.kind;
    lines.push(`  ${time(event.at, true)}  ${change.padEnd(32)}  ${event.actor}${event.note ? `  “${event.note}”` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One line an item, under the order's items: its id (for `orders bump --item`), station and state. */
function itemLines(list: Order['items']): string[] {
  const names = list.map((item) => items([item]));
  const [idWidth, nameWidth, stationWidth] = [list.map((item) => item.id), names, list.map((item) => item.station)].map((column) => Math.max(...column.map((text) => text.length)));
  return list.map(
    (item, i) =>
      `           ${item.id.padStart(idWidth!)}  ${names[i]!.padEnd(nameWidth!)}  ${item.station.padEnd(stationWidth!)}  ${item.state}${item.notes ? `  “${item.notes}”` : ''}`,
  );
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The server's largest page by default (`--limit page-size`): a longer list is read page by page. */
const PAGE = 100;

/** The newest `count` orders passing `filter`, oldest first, read a page at a time from the newest back. */
async function newestOrders(api: Api, filter: VariablesOf<typeof ListOrders>['filter'], count: number) {
  const pages: ResultOf<typeof ListOrders>['orders']['edges'][] = [];
  let before: string | undefined;
  for (let remaining = count; remaining > 0; ) {
    const { orders } = await api.query(ListOrders, { filter, last: Math.min(remaining, PAGE), before });
    pages.unshift(orders.edges);
    remaining -= orders.edges.length;
    if (!orders.pageInfo.hasPreviousPage || !orders.pageInfo.startCursor || orders.edges.length === 0) break;
    before = orders.pageInfo.startCursor;
  }
  return pages.flat().map((edge) => edge.node);
}
