// `orderline orders watch` and `orderline orders wait`: the live event stream for people and
// scripts, and waiting for one order to reach a status.
import { Command, Option } from '@commander-js/extra-typings';
import { isFinal, stepsFor, type OrderStatus, type OrderType } from '../../shared/lifecycle.ts';
import type { ResultOf } from '../../shared/graphql.ts';
import { LatestCursor, OrderEvents, OrderUpdated, ShowOrder } from '../api/operations.ts';
import { withApi } from '../connect.ts';
import { CliError, EXIT } from '../errors.ts';
import { follow, interruption } from '../follow.ts';
import { color, printJson, printJsonLine, say, status, time } from '../output.ts';
import { printableData } from '../../shared/printable.ts';
import { collect, parseDuration, parseOrderNumber, parseStatus, parseType } from '../values.ts';
import { examples } from '../help.ts';

type Event = ResultOf<typeof OrderEvents>['orderEvents'];
type TrackedOrder = ResultOf<typeof OrderUpdated>['orderUpdated'];

export function registerWatch(orders: Command): void {
  orders
    .command('watch')
    .description('Follow order events live. Reconnects by itself and never misses or repeats an event.')
    .option('--after <cursor>', 'start after this event cursor (replays what happened since)')
    .option('-s, --status <status>', 'only events that move an order into this status (repeatable)', collect(parseStatus))
    .option('-t, --type <type>', 'only orders of this type (repeatable)', collect(parseType))
    .option('--station <station>', 'only orders with an item for this station (repeatable)', collect(String))
    .option('--json', 'one JSON object per line, written as each event arrives')
    .addHelpText(
      'after',
      `
Every event has a cursor (printed on each line, and in "cursor" with --json). After an interruption,
start again with --after <cursor> to get exactly the events you missed.
${examples('orders watch', 'orders watch --status ready --json', 'orders watch --after 1042 --json >> events.jsonl')}`,
    )
    .action((options, command) =>
      withApi(command, async (api) => {
        const filter = { statuses: options.status, types: options.type, stations: options.station };
        let cursor: string = options.after ?? (await api.query(LatestCursor, {})).latestEventCursor;
        if (!/^\d+$/.test(cursor)) throw new CliError(`--after takes an event cursor such as 1042, got "${cursor}"`, EXIT.usage);
        say(`following order events after cursor ${cursor}; Ctrl-C to stop`);
        const interrupt = interruption();
        await follow({
          signal: interrupt.signal,
          open: async function* () {
            for await (const { orderEvents: event } of api.subscribe(OrderEvents, { after: cursor, filter }, interrupt.signal)) {
              cursor = event.cursor;
              if (options.json) printJsonLine(event);
              else process.stdout.write(eventLine(printableData(event)));
              yield;
            }
          },
          onLost: (error, delay) => say(`${error.message}; reconnecting in ${(delay / 1000).toFixed(1)} s (resume later with --after ${cursor})`),
        });
        say(`stopped; resume with --after ${cursor}`);
        process.exitCode = EXIT.interrupted;
      }),
    );

  orders
    .command('wait')
    .description('Wait until an order reaches a status (or has gone past it). For scripts.')
    .argument('<number>', 'the order number', parseOrderNumber)
    .addOption(new Option('--for <status>', 'the status to wait for').argParser(parseStatus).default('READY'))
    .addOption(
      new Option('--timeout <duration>', 'give up after this long, e.g. 90s, 10m; a bare number is seconds')
        .argParser((v) => parseDuration(v, '--timeout'))
        .default(10 * 60_000, '10m'), // shown as the duration, not as milliseconds
    )
    .option('--json', 'print the order as JSON when it gets there')
    .addHelpText(
      'after',
      `
Exits 0 once the order has reached the status (or a later one on its path), 3 if it can no longer
reach it (cancelled, or finished on the way), 5 if there is no such order, and 1 on timeout.
${examples('orders wait 12 --for ready --timeout 10m && echo "order 12 is ready"', 'orders wait 12 --for completed --json')}`,
    )
    .action((number: number, options, command) =>
      withApi(command, async (api) => {
        const target = options.for;
        const { order } = await api.query(ShowOrder, { number });
        if (!order) throw new CliError(`there is no order number ${number}`, EXIT.notFound);
        type Seen = Pick<typeof order, 'number' | 'type' | 'status'>;
        let latest: Seen = order;
        const done = (current: Seen) => {
          const verdict = progress(current.type, current.status, target);
          if (verdict === 'impossible') {
            throw new CliError(`order ${number} is ${current.status} and will never be ${target}`, EXIT.conflict);
          }
          return verdict === 'reached';
        };
        const finish = (current: TrackedOrder) => {
          if (options.json) printJson(current);
          else process.stdout.write(`#${current.number}  ${status(current.status)}\n`);
        };
        if (done(order)) return finish(order);
        say(`order ${number} is ${order.status}; waiting for ${target}…`);

        const interrupt = interruption();
        const timer = setTimeout(() => interrupt.abort(new CliError('timeout')), options.timeout);
        let reached: TrackedOrder | undefined;
        await follow({
          signal: interrupt.signal,
          open: async function* () {
            for await (const { orderUpdated } of api.subscribe(OrderUpdated, { trackingCode: order.trackingCode }, interrupt.signal)) {
              if (orderUpdated.status !== latest.status) say(`order ${number} is now ${orderUpdated.status}`);
              latest = orderUpdated;
              if (done(orderUpdated)) {
                reached = orderUpdated;
                interrupt.abort();
                return;
              }
              yield;
            }
          },
          onLost: (error, delay) => say(`${error.message}; reconnecting in ${(delay / 1000).toFixed(1)} s`),
        }).finally(() => clearTimeout(timer));
        if (reached) return finish(reached);
        if (interrupt.signal.reason instanceof CliError) {
          throw new CliError(`gave up after ${options.timeout / 1000} s: order ${number} is still ${latest.status}, not ${target}`, EXIT.failure);
        }
        say('interrupted');
        process.exitCode = EXIT.interrupted;
      }),
    );
}

/** Where `current` stands relative to `target` on the order's path. */
export function progress(type: OrderType, current: OrderStatus, target: OrderStatus): 'reached' | 'waiting' | 'impossible' {
  if (current === target) return 'reached';
  if (target === 'CANCELLED') return isFinal(current) ? 'impossible' : 'waiting';
  if (current === 'CANCELLED') return 'impossible';
  const path = stepsFor(type);
  if (!path.includes(target)) return 'impossible';
  return path.indexOf(current) >= path.indexOf(target) ? 'reached' : 'waiting';
}

function eventLine(event: Event): string {
  const change = event.toStatus ? `${status(event.fromStatus ?? '·')} → ${status(event.toStatus)}` : color.red(event.kind);
  const note = event.note ? `  “${event.note}”` : '';
  return `${time(event.at, true)}  #${String(event.orderNumber).padEnd(4)} ${change}  ${color.dim(`by ${event.actor}`)}${note}  ${color.dim(`[cursor ${event.cursor}]`)}\n`;
}
