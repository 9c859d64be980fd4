// `orderline orders apply`: a batch of changes from a file or stdin, line by line, safe to re-run.
// What was applied is checked on the server: statuses, versions and history.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { jsonLines, latestCursor, orderOnServer, placeOrder, placeOrders, withTestServer, type Orderline } from './support/orderline.ts';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'orderline-batch-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let server: TestServer;
let orderline: Orderline;

/** Writes a batch file; objects become JSON lines, strings are written as they are. */
function batchFile(name: string, lines: (string | Record<string, unknown>)[]): string {
  const path = join(folder, name);
  writeFileSync(path, `${lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')}\n`);
  return path;
}

/** Status, version and history length of each order: what "applied twice" would change. */
function snapshot(numbers: number[]) {
  return Promise.all(numbers.map(async (n) => {
    const order = await orderOnServer(server, n);
    return { number: n, status: order.status, version: order.version, events: order.history.length };
  }));
}

describe('orders apply', () => {
  withTestServer((started) => ({ server, orderline } = started));
  it('applies good JSON lines, reports bad ones by line number, and applies nothing twice when run again', async () => {
    const [a, b, c] = await placeOrders(server, 3);
    const file = batchFile('changes.jsonl', [
      { order: a, action: 'advance' },
      { order: b, status: 'ready' },
      'not json',
      { order: c, action: 'cancel', reason: 'customer left' },
      { order: 999, action: 'advance' },
      { order: a, action: 'advance' },
    ]);

    const first = await orderline.run(['orders', 'apply', file, '--json']);
    expect(first.code).toBe(1); // failures of different kinds
    expect(jsonLines(first.stdout)).toEqual([
      { line: 1, ok: true, order: a, from: 'PENDING', to: 'CONFIRMED', replayed: false },
      { line: 2, ok: false, order: b, error: { code: 'INVALID_TRANSITION', message: expect.stringContaining(`order ${b} cannot go from PENDING to READY`) } },
      { line: 3, ok: false, error: { code: 'INVALID_LINE', message: expect.stringMatching(/^not valid JSON: /) } },
      { line: 4, ok: true, order: c, from: 'PENDING', to: 'CANCELLED', replayed: false },
      { line: 5, ok: false, order: 999, error: { code: 'NOT_FOUND', message: 'there is no order number 999' } },
      { line: 6, ok: true, order: a, from: 'CONFIRMED', to: 'PREPARING', replayed: false },
    ]);
    expect(first.stderr).toBe('applied 3, 3 failed, of 6 lines\norderline: 3 line(s) failed: 2, 3, 5\n');
    const applied = await snapshot([a, b, c]);
    expect(applied).toEqual([
      { number: a, status: 'PREPARING', version: 3, events: 3 },
      { number: b, status: 'PENDING', version: 1, events: 1 },
      { number: c, status: 'CANCELLED', version: 2, events: 2 },
    ]);

    const again = await orderline.run(['orders', 'apply', file]);
    expect(again.code).toBe(1);
    expect(again.stdout.split('\n')).toEqual([
      `line   1  ok      #${a}  PENDING → CONFIRMED  already applied earlier`,
      `line   2  FAILED  #${b}  order ${b} cannot go from PENDING to READY: PENDING can only move to CONFIRMED (or CANCELLED), not READY`,
      expect.stringMatching(/^line {3}3 {2}FAILED {2}not valid JSON: /),
      `line   4  ok      #${c}  PENDING → CANCELLED  already applied earlier`,
      'line   5  FAILED  #999  there is no order number 999',
      `line   6  ok      #${a}  CONFIRMED → PREPARING  already applied earlier`,
      '',
    ]);
    expect(again.stderr).toBe('applied 0, 3 already applied before, 3 failed, of 6 lines\norderline: 3 line(s) failed: 2, 3, 5\n');
    expect(await snapshot([a, b, c])).toEqual(applied);
  });

  it('after the bad lines are fixed, running the batch again applies only those', async () => {
    const [a, b] = await placeOrders(server, 2);
    const lines: Record<string, unknown>[] = [{ order: a, action: 'advance' }, { order: b, action: 'cancel' }];
    expect((await orderline.run(['orders', 'apply', batchFile('fix-me.jsonl', lines)])).code).toBe(2);
    expect(await snapshot([a, b])).toEqual([
      { number: a, status: 'CONFIRMED', version: 2, events: 2 },
      { number: b, status: 'PENDING', version: 1, events: 1 },
    ]);

    lines[1] = { order: b, action: 'cancel', reason: 'duplicate order' };
    const fixed = await orderline.run(['orders', 'apply', batchFile('fix-me.jsonl', lines), '--json']);
    expect(fixed.code).toBe(0);
    expect(jsonLines(fixed.stdout)).toEqual([
      { line: 1, ok: true, order: a, from: 'PENDING', to: 'CONFIRMED', replayed: true },
      { line: 2, ok: true, order: b, from: 'PENDING', to: 'CANCELLED', replayed: false },
    ]);
    expect(await snapshot([a, b])).toEqual([
      { number: a, status: 'CONFIRMED', version: 2, events: 2 },
      { number: b, status: 'CANCELLED', version: 2, events: 2 },
    ]);
  });

  it('reads CSV from stdin with "-", reports bad rows by their line, and applies nothing twice', async () => {
    const [a, b, c] = await placeOrders(server, 3);
    const csv = ['order,action,status,note,reason', `${a},advance,,,`, `${b},set-status,confirmed,on it,`, `${c},fly,,,`, `${c},cancel,,,`, ''].join('\n');

    const first = await orderline.run(['orders', 'apply', '-', '--json'], { input: csv });
    expect(first.code).toBe(2); // only invalid lines failed
    expect(jsonLines(first.stdout)).toEqual([
      { line: 2, ok: true, order: a, from: 'PENDING', to: 'CONFIRMED', replayed: false },
      { line: 3, ok: true, order: b, from: 'PENDING', to: 'CONFIRMED', replayed: false },
      { line: 4, ok: false, error: { code: 'INVALID_LINE', message: expect.stringContaining('action: Invalid option') } },
      { line: 5, ok: false, error: { code: 'INVALID_LINE', message: 'reason: cancel needs a reason' } },
    ]);
    const applied = await snapshot([a, b, c]);
    expect((await orderOnServer(server, b)).history.at(-1)).toMatchObject({ toStatus: 'CONFIRMED', note: 'on it' });

    const again = await orderline.run(['orders', 'apply', '-', '--json'], { input: csv });
    expect(again.code).toBe(2);
    expect(jsonLines(again.stdout).filter((r) => r.ok).map((r) => [r.line, r.replayed])).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(await snapshot([a, b, c])).toEqual(applied);
  });

  it('reads stdin when no file is given, and exits 0 when every line applies', async () => {
    const [a] = await placeOrders(server, 1);
    const run = await orderline.run(['orders', 'apply'], { input: `{"order": ${a}, "action": "advance"}\n` });
    expect(run).toMatchObject({ code: 0, stdout: `line   1  ok      #${a}  PENDING → CONFIRMED\n`, stderr: 'applied 1, 0 failed, of 1 lines\n' });
  });

  it('a bad line on stdin is reported as it is from a file: by its line number, with exit 2', async () => {
    const [a] = await placeOrders(server, 1);
    const lines = ['not json', `{"order": ${a}, "action": "advance"}`];
    const piped = await orderline.run(['orders', 'apply', '-'], { input: 'not json\n' });
    expect(piped).toMatchObject({ code: 2, stderr: 'applied 0, 1 failed, of 1 lines\norderline: 1 line(s) failed: 1\n' });
    expect(piped.stdout).toMatch(/^line {3}1 {2}FAILED {2}not valid JSON: .*\n$/);
    for (const file of [batchFile('bad.jsonl', lines.slice(0, 1)), batchFile('bad', lines.slice(0, 1))]) {
      expect(await orderline.run(['orders', 'apply', file])).toEqual(piped);
    }
    // The good line after it still applies, from stdin as from a file.
    const mixed = await orderline.run(['orders', 'apply', '--json'], { input: `${lines.join('\n')}\n` });
    expect(mixed.code).toBe(2);
    expect(jsonLines(mixed.stdout)).toEqual([
      { line: 1, ok: false, error: { code: 'INVALID_LINE', message: expect.stringMatching(/^not valid JSON: /) } },
      { line: 2, ok: true, order: a, from: 'PENDING', to: 'CONFIRMED', replayed: false },
    ]);
  });

  it('a CSV header naming no known column fails on its line instead of passing for an empty batch', async () => {
    const [a] = await placeOrders(server, 1);
    const typo = await orderline.run(['orders', 'apply', '-'], { input: `ordr,action\n${a},advance\n` });
    expect(typo).toMatchObject({ code: 2, stderr: 'applied 0, 1 failed, of 1 lines\norderline: 1 line(s) failed: 1\n' });
    expect(typo.stdout).toBe('line   1  FAILED  unknown column "ordr": a CSV batch starts with a header naming its columns (any of order, action, status, note, reason, expected_version, key)\n');
    const notCsv = await orderline.run(['orders', 'apply', batchFile('bad.csv', ['not json'])]);
    expect(notCsv).toMatchObject({ code: 2, stdout: expect.stringMatching(/^line {3}1 {2}FAILED {2}unknown column "not json": /) });
    expect((await orderOnServer(server, a)).status).toBe('PENDING');
  });

  it('a later batch with its own --batch name may ask the same of an order again', async () => {
    const [a] = await placeOrders(server, 1);
    const line = `{"order": ${a}, "action": "advance"}\n`;
    const morning = await orderline.run(['orders', 'apply', '--batch', 'morning'], { input: line });
    const retry = await orderline.run(['orders', 'apply', '--batch', 'morning'], { input: line });
    const noon = await orderline.run(['orders', 'apply', '--batch', 'noon'], { input: line });
    expect([morning.stdout, retry.stdout, noon.stdout]).toEqual([
      `line   1  ok      #${a}  PENDING → CONFIRMED\n`,
      `line   1  ok      #${a}  PENDING → CONFIRMED  already applied earlier\n`,
      `line   1  ok      #${a}  CONFIRMED → PREPARING\n`,
    ]);
    expect((await orderOnServer(server, a)).status).toBe('PREPARING');
  });

  it('a batch file that is not there is a usage error (exit 2)', async () => {
    const run = await orderline.run(['orders', 'apply', 'changes.jsonl']);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'orderline: cannot read changes.jsonl: no such file\n' });
  });

  it('--dry-run checks every line against the orders as they are, changes nothing, and predicts the real run', async () => {
    const [a, b] = await placeOrders(server, 2);
    const file = batchFile('dry.jsonl', [
      { order: a, action: 'advance' },
      { order: a, action: 'advance' },
      { order: b, status: 'ready' },
      { order: b, action: 'cancel', reason: 'late', expectedVersion: 5 },
    ]);
    const cursor = await latestCursor(server);

    const dry = await orderline.run(['orders', 'apply', '--dry-run', file, '--json']);
    expect(dry.code).toBe(3); // an invalid transition and a stale version: both conflicts
    const predicted = jsonLines(dry.stdout);
    expect(predicted).toEqual([
      { line: 1, ok: true, order: a, from: 'PENDING', to: 'CONFIRMED', dryRun: true },
      { line: 2, ok: true, order: a, from: 'CONFIRMED', to: 'PREPARING', dryRun: true },
      { line: 3, ok: false, order: b, dryRun: true, error: { code: 'INVALID_TRANSITION', message: expect.stringContaining('cannot go from PENDING to READY') } },
      { line: 4, ok: false, order: b, dryRun: true, error: { code: 'VERSION_CONFLICT', message: `order ${b} is at version 1, not 5` } },
    ]);
    expect(dry.stderr).toContain('would apply 2, 2 failed, of 4 lines');
    expect(await latestCursor(server)).toBe(cursor);
    expect(await snapshot([a, b])).toEqual([
      { number: a, status: 'PENDING', version: 1, events: 1 },
      { number: b, status: 'PENDING', version: 1, events: 1 },
    ]);

    const real = await orderline.run(['orders', 'apply', file, '--json']);
    expect(real.code).toBe(3);
    const outcome = (r: { line: number; ok: boolean; from?: string; to?: string; error?: { code: string } }) => [r.line, r.ok, r.from, r.to, r.error?.code];
    expect(jsonLines(real.stdout).map(outcome)).toEqual(predicted.map(outcome));
  });
});

describe('orders apply on another day', () => {
  let now = new Date('2026-03-02T12:00:00Z');
  withTestServer((started) => ({ server, orderline } = started), { clock: () => now });

  it('the same batch names a new order once numbers restart, and is applied to it', async () => {
    const file = batchFile('daily.jsonl', [{ order: 1, action: 'advance' }]);
    expect(await placeOrder(server)).toBe(1);
    expect(jsonLines((await orderline.run(['orders', 'apply', file, '--json'])).stdout)).toMatchObject([{ ok: true, replayed: false }]);

    now = new Date('2026-03-03T12:00:00Z');
    expect(await placeOrder(server)).toBe(1);
    const nextDay = await orderline.run(['orders', 'apply', file, '--json']);
    expect(jsonLines(nextDay.stdout)).toEqual([{ line: 1, ok: true, order: 1, from: 'PENDING', to: 'CONFIRMED', replayed: false }]);
    expect(await orderOnServer(server, 1)).toMatchObject({ status: 'CONFIRMED', version: 2 });
  });
});
