// `orderline orders apply [FILE|-]`: a batch of changes, each line on its own, safe to re-run.
import { readFileSync } from 'node:fs';
import { Command, Option } from '@commander-js/extra-typings';
import { checkTransition, nextStatus, type OrderStatus, type OrderType } from '../../shared/lifecycle.ts';
import type { Api } from '../api/client.ts';
import { expectSuccess } from '../api/results.ts';
import { AdvanceOrder, CancelOrder, OrderId, SetStatus, ShowOrder } from '../api/operations.ts';
import type { BatchChange, BatchFormat } from '../batch.ts';
import { withApi } from '../connect.ts';
import { CliError, EXIT, ServerUnreachable } from '../errors.ts';
import { color, printJsonLine, say, status } from '../output.ts';
import { examples } from '../help.ts';

interface LineResult {
  line: number;
  ok: boolean;
  order?: number;
  from?: string | null;
  to?: string | null;
  replayed?: boolean;
  dryRun?: boolean;
  error?: { code: string; message: string };
}

/** The exit code each kind of failed line stands for. */
const EXIT_FOR: Record<string, number> = {
  INVALID_LINE: EXIT.usage,
  VALIDATION_FAILED: EXIT.usage,
  NOT_FOUND: EXIT.notFound,
  INVALID_TRANSITION: EXIT.conflict,
  VERSION_CONFLICT: EXIT.conflict,
  IDEMPOTENCY_KEY_REUSED: EXIT.conflict,
};

export function registerApply(orders: Command): void {
  orders
    .command('apply')
    .description('Apply a batch of changes from a file or stdin, as JSON lines or CSV, line by line.')
    .argument('[file]', 'the batch; "-" or nothing reads stdin')
    .addOption(new Option('--format <format>', 'jsonl or csv (default: from the file name or content)').choices(['jsonl', 'csv']))
    .option('--dry-run', 'check every line against the current orders without changing anything')
    .option('--batch <name>', 'name this batch: a batch with another name may ask the same again (advance an order once more)')
    .option('--json', 'print one JSON result per line')
    .addHelpText(
      'after',
      `
Each line names an order and a change. JSON lines:
  {"order": 12, "action": "advance"}
  {"order": 13, "status": "READY", "note": "bagged"}
  {"order": 14, "action": "cancel", "reason": "customer left"}
CSV, with a header (any of order, action, status, note, reason, expected_version, key):
  order,action,status,reason
  12,advance,,
  13,set-status,READY,

Every line carries its own idempotency key, made from what it asks of which order (or its "key"),
so running the batch again, as it was or with its bad lines fixed, applies nothing twice. To ask
the same of an order again in a later batch (advance it once more), give that batch a --batch name.
Bad lines are reported with their line number and the rest go on; the exit code is non-zero if
any line failed.
${examples('orders apply changes.jsonl', 'orders apply --dry-run changes.csv', 'cat changes.jsonl | orderline orders apply - --json')}`,
    )
    .action((file: string | undefined, options, command) =>
      withApi(command, async (api) => {
        const { detectFormat, parseBatch } = await import('../batch.ts'); // zod and csv-parse, only when needed
        const { text, name } = readInput(file);
        const format: BatchFormat = options.format ?? detectFormat(text, name);
        const { changes, problems } = parseBatch(text, format);
        const results: LineResult[] = problems.map((p) => ({ line: p.line, ok: false, error: { code: 'INVALID_LINE', message: p.message } }));
        const ordered = [...changes];
        if (options.dryRun) results.push(...(await dryRun(api, ordered)));
        else {
          const orderIds = new Map<number, string | null>();
          for (const change of ordered) results.push(await applyOne(api, change, orderIds, options.batch));
        }
        results.sort((a, b) => a.line - b.line);
        for (const result of results) (options.json ? printJsonLine : printHuman)(result);
        summarise(results, Boolean(options.dryRun));
      }),
    );
}

function readInput(file: string | undefined): { text: string; name?: string } {
  if (file && file !== '-') {
    try {
      return { text: readFileSync(file, 'utf8'), name: file };
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, EXIT.usage);
    }
  }
  if (process.stdin.isTTY) throw new CliError('give a batch file, or pipe the changes in (see --help)', EXIT.usage);
  return { text: readFileSync(0, 'utf8') };
}

async function applyOne(api: Api, change: BatchChange, orderIds: Map<number, string | null>, batch: string | undefined): Promise<LineResult> {
  try {
    // Order numbers restart every day: the key and the change name the order by its id, so today's
    // batch is never mistaken for yesterday's that said the same about another order with the number,
    // and a day that turns mid-batch does not move the change to the new day's order.
    if (!orderIds.has(change.order)) orderIds.set(change.order, (await api.query(OrderId, { number: change.order })).order?.id ?? null);
    const orderId = orderIds.get(change.order);
    if (!orderId) throw new CliError(`there is no order number ${change.order}`, EXIT.notFound, 'NOT_FOUND');
    const idempotencyKey = change.ownKey ? change.key : `${batch ? `${batch}:` : ''}${change.key}-${orderId}`;
    const common = { id: orderId, expectedVersion: change.expectedVersion, idempotencyKey };
    const result =
      change.action === 'advance'
        ? (await api.mutate(AdvanceOrder, common)).advanceOrder
        : change.action === 'cancel'
          ? (await api.mutate(CancelOrder, { ...common, reason: change.reason })).cancelOrder
          : (await api.mutate(SetStatus, { ...common, status: change.status, note: change.note })).updateOrderStatus;
    const done = expectSuccess(result, 'OrderChange');
    return {
      line: change.line,
      ok: true,
      order: change.order,
      from: done.event?.fromStatus ?? done.order.status,
      to: done.event?.toStatus ?? done.order.status,
      replayed: done.replayed,
    };
  } catch (error) {
    // Without access or without a server, every later line would fail the same way: stop now.
    if (!(error instanceof CliError) || error.exitCode === EXIT.auth || error instanceof ServerUnreachable) throw error;
    return { line: change.line, ok: false, order: change.order, error: { code: error.code ?? 'FAILED', message: error.message } };
  }
}

/** Checks each line against the orders as they are, carrying the effect of earlier lines forward. */
async function dryRun(api: Api, changes: BatchChange[]): Promise<LineResult[]> {
  const known = new Map<number, { type: OrderType; status: OrderStatus; version: number } | null>();
  const results: LineResult[] = [];
  for (const change of changes) {
    if (!known.has(change.order)) {
      const { order } = await api.query(ShowOrder, { number: change.order });
      known.set(change.order, order && { type: order.type, status: order.status, version: order.version });
    }
    const order = known.get(change.order);
    const fail = (code: string, message: string) => results.push({ line: change.line, ok: false, order: change.order, dryRun: true, error: { code, message } });
    if (!order) {
      fail('NOT_FOUND', `there is no order number ${change.order}`);
      continue;
    }
    if (change.expectedVersion !== undefined && change.expectedVersion !== order.version) {
      fail('VERSION_CONFLICT', `order ${change.order} is at version ${order.version}, not ${change.expectedVersion}`);
      continue;
    }
    const to = change.action === 'advance' ? nextStatus(order.type, order.status) : change.action === 'cancel' ? 'CANCELLED' : change.status;
    const check = to ? checkTransition(order.type, order.status, to) : ({ ok: false, reason: `a ${order.status} order has no next step` } as const);
    if (!check.ok || !to) {
      fail('INVALID_TRANSITION', `order ${change.order} cannot go from ${order.status} to ${to ?? 'a next step'}: ${check.ok ? '' : check.reason}`);
      continue;
    }
    results.push({ line: change.line, ok: true, order: change.order, from: order.status, to, dryRun: true });
    if (!check.noop) Object.assign(order, { status: to, version: order.version + 1 });
  }
  return results;
}

function printHuman(result: LineResult): void {
  const head = `line ${String(result.line).padStart(3)}`;
  if (!result.ok) {
    process.stdout.write(`${head}  ${color.red('FAILED')}  ${result.order ? `#${result.order}  ` : ''}${result.error!.message}\n`);
    return;
  }
  const moved = result.from === result.to ? `already ${status(result.to!)}` : `${status(result.from!)} → ${status(result.to!)}`;
  const note = result.dryRun ? '  (dry run)' : result.replayed ? '  already applied earlier' : '';
  process.stdout.write(`${head}  ${color.green('ok')}      #${result.order}  ${moved}${note}\n`);
}

function summarise(results: LineResult[], dryRun: boolean): void {
  const failed = results.filter((r) => !r.ok);
  const replayed = results.filter((r) => r.ok && r.replayed).length;
  const applied = results.length - failed.length - replayed;
  const verb = dryRun ? 'would apply' : 'applied';
  say(`${verb} ${applied}${replayed ? `, ${replayed} already applied before` : ''}, ${failed.length} failed, of ${results.length} lines`);
  if (failed.length) {
    const codes = new Set(failed.map((f) => EXIT_FOR[f.error!.code] ?? EXIT.failure));
    throw new CliError(`${failed.length} line(s) failed: ${failed.map((f) => f.line).join(', ')}`, codes.size === 1 ? [...codes][0]! : EXIT.failure);
  }
}
