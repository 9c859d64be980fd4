// `orderline orders watch` and `orders wait`: following orders live, through Ctrl-C and a server
// restart, without missing or repeating an event; waiting for one order in a script.
import { describe, expect, it } from 'vitest';
import { newAdminToken } from '../support/admin-token.ts';
import { finished, runShell, stopCli, waitForOutput, type CliProcess } from '../support/cli.ts';
import { createTestDatabase } from '../support/databases.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { advance, cancel, cleanupAfterEach, json, jsonLines, latestCursor, orderOnServer, orderlineFor, placeOrder, waitForJsonLines, withTestServer, type Orderline } from './support/orderline.ts';

const defer = cleanupAfterEach();
let server: TestServer;
let orderline: Orderline;

/** Starts a streaming command and waits until it says it is following. */
async function following(orderline: Orderline, args: string[]): Promise<CliProcess> {
  const child = orderline.start(args);
  defer(() => stopCli(child));
  await waitForOutput(child, /following order events after cursor \d+|waiting for/);
  return child;
}

async function interrupt(child: CliProcess) {
  child.kill('SIGINT');
  return finished(child);
}

/** The cursors of every event of these orders, oldest first, as the server's log has them. */
async function cursorsOf(server: TestServer, numbers: number[]): Promise<string[]> {
  const histories = await Promise.all(
    numbers.map(async (number) => (await server.gql(`query($number: Int!) { order(number: $number) { history { cursor } } }`, { number })).data.order.history as { cursor: string }[]),
  );
  return histories
    .flat()
    .map((event) => event.cursor)
    .sort((a, b) => Number(a) - Number(b));
}

describe('orders watch', () => {
  withTestServer((started) => ({ server, orderline } = started), { each: true });

  it('writes one JSON object per event as it happens, and on Ctrl-C exits 130 with the cursor to resume from', async () => {
    const everything = await following(orderline, ['orders', 'watch', '--json']);
    const ready = await following(orderline, ['orders', 'watch', '--status', 'ready', '--json']);
    const number = await placeOrder(server);
    for (let step = 0; step < 3; step++) await advance(server, number);
    const events = await waitForJsonLines(everything, 4);
    await waitForJsonLines(ready, 1);

    const [all, onlyReady] = await Promise.all([interrupt(everything), interrupt(ready)]);
    expect(all.code).toBe(130);
    expect(events.map((e) => [e.kind, e.orderNumber, e.fromStatus, e.toStatus])).toEqual([
      ['PLACED', number, null, 'PENDING'],
      ['STATUS_CHANGED', number, 'PENDING', 'CONFIRMED'],
      ['STATUS_CHANGED', number, 'CONFIRMED', 'PREPARING'],
      ['STATUS_CHANGED', number, 'PREPARING', 'READY'],
    ]);
    expect(events[3]).toMatchObject({ orderType: 'TAKEOUT', stations: ['bar', 'oven'], actor: 'first manager (manager)', cursor: await latestCursor(server) });
    expect(all.stderr.trimEnd().split('\n').at(-1)).toBe(`stopped; resume with --after ${events[3].cursor}`);
    expect(onlyReady.code).toBe(130);
    expect(onlyReady.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).toStatus)).toEqual(['READY']);
  });

  it('started again with --after the cursor it printed, it gets exactly the events it missed', async () => {
    const first = await following(orderline, ['orders', 'watch', '--json']);
    const number = await placeOrder(server);
    await waitForJsonLines(first, 1);
    const [, resumeFrom] = (await interrupt(first)).stderr.match(/resume with --after (\d+)/)!;

    const missed = [await advance(server, number), await advance(server, number)];
    const second = await following(orderline, ['orders', 'watch', '--after', resumeFrom!, '--json']);
    const live = await advance(server, number);
    const events = await waitForJsonLines(second, 3);
    expect(events.map((e) => e.cursor)).toEqual([...missed, live]);
    expect((await interrupt(second)).stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('stops quietly (exit 0) when the program reading it goes away, as in `| head -n 1`', async () => {
    const env = { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: server.managerToken };
    const pipeline = runShell('orderline orders watch --json | head -n 1; echo "watch exited with ${PIPESTATUS[0]}" >&2', { env });
    let ended = false;
    void pipeline.finally(() => (ended = true));
    // head leaves after the first event; the watch notices at its next write. Bounded by runShell's timeout.
    while (!ended) {
      await placeOrder(server);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const run = await pipeline;
    expect(jsonLines(run.stdout)).toMatchObject([{ kind: 'PLACED' }]);
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.stderr).toMatch(/watch exited with 0\n$/);
  });

  it('people get one readable line per event with its cursor', async () => {
    const watch = await following(orderline, ['orders', 'watch']);
    const number = await placeOrder(server);
    const cursor = await advance(server, number);
    await waitForOutput(watch, new RegExp(`\\[cursor ${cursor}\\]\\n`));
    expect(watch.output.stdout).toMatch(new RegExp(`^.+ #${number}\\s+· → PENDING  by first manager \\(manager\\)  \\[cursor \\d+\\]\\n`));
    expect(watch.output.stdout).toContain(`#${number}    PENDING → CONFIRMED  by first manager (manager)  [cursor ${cursor}]`);
  });
});

describe('orders watch through a server restart', () => {
  it('reconnects by itself and prints every event exactly once, in order, with no gap', async () => {
    const database = await createTestDatabase('sqlite');
    defer(() => database.drop());
    const adminToken = newAdminToken();
    const first = await startServer({ database, adminToken });
    defer(() => first.stop());
    const startCursor = Number(await latestCursor(first));
    const watch = await following(orderlineFor(first), ['orders', 'watch', '--json']);

    const a = await placeOrder(first);
    await advance(first, a);
    await waitForJsonLines(watch, 2);
    await first.stop();
    await waitForOutput(watch, /lost the live connection/);

    const second = await startServer({ database, adminToken, port: first.port });
    defer(() => second.stop());
    await advance(second, a);
    const b = await placeOrder(second, { customerName: 'After the restart' });
    await advance(second, b);
    await cancel(second, a);
    const events = await waitForJsonLines(watch, 6);
    const run = await interrupt(watch);

    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/reconnecting in [\d.]+ s \(resume later with --after \d+\)/);
    const cursors = events.map((e) => e.cursor);
    expect(cursors).toEqual(await cursorsOf(second, [a, b]));
    expect(cursors).toEqual(cursors.map((_, i) => String(startCursor + 1 + i)));
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(6);
  });
});

describe('orders wait', () => {
  withTestServer((started) => ({ server, orderline } = started), { each: true });

  it('returns as soon as the order reaches the status; --json prints the order', async () => {
    const number = await placeOrder(server);
    const wait = await following(orderline, ['orders', 'wait', String(number), '--for', 'ready', '--timeout', '30s', '--json']);
    for (let step = 0; step < 3; step++) await advance(server, number);
    const run = await finished(wait);
    expect(json(run)).toMatchObject({ number, status: 'READY', version: 4 });
    // Steps that happen before its subscription starts arrive as one: the order as it is now.
    expect(run.stderr).toMatch(new RegExp(`^order ${number} is PENDING; waiting for READY…\n(.*\n)*order ${number} is now READY\n$`));
  });

  it('returns at once for an order already past the status', async () => {
    const number = await placeOrder(server);
    for (let step = 0; step < 4; step++) await advance(server, number);
    const run = await orderline.run(['orders', 'wait', String(number), '--for', 'ready']);
    expect(run).toMatchObject({ code: 0, stdout: `#${number}  COMPLETED\n`, stderr: '' });
  });

  it('gives up after --timeout with exit 1 and says where the order is', async () => {
    const number = await placeOrder(server);
    const run = await orderline.run(['orders', 'wait', String(number), '--timeout', '1s']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`orderline: gave up after 1 s: order ${number} is still PENDING, not READY`);
  });

  it('takes a bare --timeout as seconds', async () => {
    const number = await placeOrder(server);
    const started = Date.now();
    const run = await orderline.run(['orders', 'wait', String(number), '--timeout', '2']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`orderline: gave up after 2 s: order ${number} is still PENDING, not READY`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('refuses a --timeout that is negative or not a duration (exit 2), before asking the server anything', async () => {
    for (const timeout of ['-5', '0', 'soon']) {
      const run = await orderline.run(['orders', 'wait', '1', '--timeout', timeout], { env: { ORDERLINE_SERVER: 'http://127.0.0.1:9' } });
      expect(run).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `orderline: --timeout must be a positive duration such as 30s, 10m or 1h (a bare number is seconds), got "${timeout}"\n`,
      });
    }
  });

  it('exits 3 for an order cancelled while it waits, or before: it will never get there', async () => {
    const number = await placeOrder(server);
    const wait = await following(orderline, ['orders', 'wait', String(number)]);
    await cancel(server, number);
    const run = await finished(wait);
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`orderline: order ${number} is CANCELLED and will never be READY`);
    expect((await orderOnServer(server, number)).status).toBe('CANCELLED');
    const already = await orderline.run(['orders', 'wait', String(number), '--for', 'completed']);
    expect(already).toMatchObject({ code: 3, stderr: `orderline: order ${number} is CANCELLED and will never be COMPLETED\n` });
  });

  it('exits 5 for an order that does not exist', async () => {
    const run = await orderline.run(['orders', 'wait', '999']);
    expect(run).toMatchObject({ code: 5, stderr: expect.stringMatching(/^orderline: there is no order number 999/) });
  });
});
