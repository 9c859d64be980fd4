// `orderline simulate`: a stream of realistic orders and kitchen progress through the public API.
import { randomUUID } from 'node:crypto';
import type { Command } from '@commander-js/extra-typings';
import type { Api } from '../api/client.ts';
import { expectSuccess } from '../api/results.ts';
import { AdvanceOrder, CancelOrder, Menu, PlaceOrder } from '../api/operations.ts';
import { withApi } from '../connect.ts';
import { CliError, EXIT, ServerUnreachable } from '../errors.ts';
import { interruption, sleep } from '../follow.ts';
import { printJsonLine, say, status } from '../output.ts';
import { kitchenSteps, makeOrder, nextArrivalMs, parseRate, seededRandom, type KitchenStep } from '../simulate/plan.ts';
import { parseDuration } from '../values.ts';
import { examples } from '../help.ts';

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Run a believable stream of orders and kitchen progress against a server, for demos and load.')
    .option('--rate <rate>', 'orders arriving, e.g. 30/h, 2/m, 1/s', '30/h')
    .option('--duration <duration>', 'how long to place orders, e.g. 90s, 10m', '10m')
    .option('--speed <factor>', 'run the kitchen this many times faster than real life', '1')
    .option('--seed <number>', 'the same seed gives the same orders and timings')
    .option('--json', 'one JSON line per action')
    .addHelpText(
      'after',
      `
Orders arrive at random (a Poisson process at --rate); each is confirmed, cooked for about its
menu preparation time and picked up or delivered, all slowed or sped up by --speed. Needs a staff
token. Stops placing orders after --duration; Ctrl-C stops at once.
${examples('simulate', 'simulate --rate 2/m --duration 30m --speed 5', 'simulate --rate 1/s --duration 60s --speed 60 --seed 7 --json')}`,
    )
    .action((options, command) =>
      withApi(command, async (api) => {
        const rate = parseRate(options.rate);
        if (rate === null) throw new CliError(`--rate must look like 30/h, 2/m or 1/s, got "${options.rate}"`, EXIT.usage);
        const duration = parseDuration(options.duration, '--duration');
        const speed = Number(options.speed);
        if (!(speed > 0)) throw new CliError(`--speed must be a positive number, got "${options.speed}"`, EXIT.usage);
        const seed = options.seed === undefined ? Date.now() : Number(options.seed);
        if (!Number.isInteger(seed)) throw new CliError(`--seed must be a whole number, got "${options.seed}"`, EXIT.usage);
        await simulate(api, { rate, duration, speed, seed, json: Boolean(options.json) });
      }),
    );
}

interface Run {
  rate: number;
  duration: number;
  speed: number;
  seed: number;
  json: boolean;
}

async function simulate(api: Api, run: Run): Promise<void> {
  const random = seededRandom(run.seed);
  const { menu } = await api.query(Menu, {});
  const prepOf = new Map(menu.map((m) => [m.id, m.prepMinutes]));
  const interrupt = interruption();
  const end = Date.now() + run.duration;
  const kitchen = new Set<Promise<void>>();
  const tally = { placed: 0, changes: 0, failures: 0 };
  const log = (entry: Record<string, unknown>, line: string) => (run.json ? printJsonLine(entry) : process.stdout.write(`${line}\n`));
  say(`simulating ${(run.rate * 3_600_000).toFixed(0)} orders/h for ${run.duration / 1000} s at ${run.speed}× kitchen speed (seed ${run.seed})`);

  let fatal: CliError | undefined;
  /** Runs one action; a refusal is counted and the run goes on. Never rejects. */
  const guarded = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (error instanceof ServerUnreachable || (error instanceof CliError && error.exitCode === EXIT.auth)) {
        // Nothing later can succeed either. Orders in the kitchen run concurrently, so stop them
        // all and report this once at the end (rethrowing here was an unhandled rejection).
        fatal ??= error;
        interrupt.abort();
        return;
      }
      tally.failures++;
      say(`simulate: ${(error as Error).message}`);
    }
  };

  const follow = async ({ id, number }: { id: string; number: number }, steps: KitchenStep[]) => {
    for (const step of steps) {
      await sleep(step.afterMs, interrupt.signal);
      if (interrupt.signal.aborted || Date.now() > end) return;
      await guarded(async () => {
        const result =
          step.action === 'advance'
            ? (await api.mutate(AdvanceOrder, { id, idempotencyKey: randomUUID() })).advanceOrder
            : (await api.mutate(CancelOrder, { id, reason: step.reason, idempotencyKey: randomUUID() })).cancelOrder;
        const { order, event } = expectSuccess(result, 'OrderChange');
        tally.changes++;
        log({ action: step.action, order: number, from: event?.fromStatus, to: order.status }, `#${number}  ${status(event?.fromStatus ?? '')} → ${status(order.status)}`);
      });
    }
  };

  while (!interrupt.signal.aborted) {
    await sleep(nextArrivalMs(random, run.rate), interrupt.signal);
    if (interrupt.signal.aborted || Date.now() > end) break;
    const input = makeOrder(random, menu);
    await guarded(async () => {
      const { placeOrder } = await api.mutate(PlaceOrder, { input, idempotencyKey: randomUUID() });
      const { order } = expectSuccess(placeOrder, 'OrderChange');
      tally.placed++;
      log({ action: 'place', order: order.number, type: order.type, items: order.items.length }, `#${order.number}  placed (${order.type.toLowerCase()}, ${order.items.length} line${order.items.length > 1 ? 's' : ''})`);
      const prep = Math.max(...input.items.map((item) => prepOf.get(item.menuItemId) ?? 5));
      const progress = follow(order, kitchenSteps(random, input.type, prep, run.speed));
      kitchen.add(progress);
      void progress.then(() => kitchen.delete(progress));
    });
  }
  const interrupted = interrupt.signal.aborted && !fatal;
  interrupt.abort();
  await Promise.all(kitchen);
  say(`placed ${tally.placed} orders, made ${tally.changes} status changes${tally.failures ? `, ${tally.failures} refused` : ''}`);
  if (fatal) throw fatal;
  if (interrupted) process.exitCode = EXIT.interrupted;
}
