// What the CLI tests share: the real binary pointed at a test server the way a user sets it up,
// and orders placed and read through the server's own API, so each test checks what the CLI did
// against the server's truth rather than against the CLI's own account of it.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { runCli, startCli, waitFor, type CliOptions, type CliProcess, type RunResult } from '../../support/cli.ts';
import { ADVANCE, CANCEL, PLACE_ORDER, takeoutOrder } from '../../support/operations.ts';
import { startServer, type StartOptions, type TestServer } from '../../support/server.ts';

type RunOptions = CliOptions & { input?: string; timeoutMs?: number };

export interface Orderline {
  run(args: string[], options?: RunOptions): Promise<RunResult>;
  start(args: string[], options?: CliOptions): CliProcess;
}

/** The CLI with ORDERLINE_SERVER and ORDERLINE_TOKEN set for `server` (a manager token unless given). */
export function orderlineFor(server: Pick<TestServer, 'url' | 'managerToken'>, token: string | undefined = server.managerToken): Orderline {
  const withSettings = <T extends CliOptions>(options: T): T => ({
    ...options,
    env: { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: token, ...options.env },
  });
  return {
    run: (args, options = {}) => runCli(args, withSettings(options)),
    start: (args, options = {}) => startCli(args, withSettings(options)),
  };
}

/**
 * A test server for the tests of the enclosing describe (or for each test, with `each`), stopped
 * after them. `setUp` gets it with the CLI pointed at it, to keep and to seed:
 * `withTestServer((started) => ({ server, orderline } = started))`.
 */
export function withTestServer(
  setUp: (started: { server: TestServer; orderline: Orderline }) => unknown,
  { each = false, ...options }: StartOptions & { each?: boolean } = {},
): void {
  let server: TestServer | undefined;
  (each ? beforeEach : beforeAll)(async () => {
    server = await startServer(options);
    await setUp({ server, orderline: orderlineFor(server) });
  });
  (each ? afterEach : afterAll)(() => server?.stop());
}

/** The JSON document a successful run printed. */
export function json<T = any>(run: RunResult): T {
  expect(run, run.stderr).toMatchObject({ code: 0 });
  return JSON.parse(run.stdout) as T;
}

/** One JSON document per line, as `--json` streams and batch results are written. */
export function jsonLines<T = any>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Resolves with the complete lines a streaming command has written to stdout, once there are `count`. */
export function waitForJsonLines<T = any>(child: CliProcess, count: number, timeoutMs?: number): Promise<T[]> {
  const complete = (stdout: string) => stdout.split('\n').slice(0, -1);
  return waitFor(child, ({ stdout }) => (complete(stdout).length >= count ? jsonLines<T>(complete(stdout).join('\n')) : undefined), `${count} lines on stdout`, timeoutMs);
}

/** Places a takeout order through the API, as a customer would; returns its number. */
export async function placeOrder(server: TestServer, overrides: Record<string, unknown> = {}): Promise<number> {
  const result = await server.gql(PLACE_ORDER, { input: takeoutOrder(overrides) });
  if (!result.data?.placeOrder.order) throw new Error(`could not place an order: ${JSON.stringify(result)}`);
  return result.data.placeOrder.order.number;
}

/** `count` numbers as a tuple, so `const [a, b] = …` needs no checks. */
type Numbers<N extends number, T extends number[] = []> = T['length'] extends N ? T : Numbers<N, [...T, number]>;

/** Places `count` orders one after another; returns their numbers, ascending. */
export async function placeOrders<N extends number>(server: TestServer, count: N): Promise<Numbers<N>> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(await placeOrder(server, { customerName: `Guest ${i + 1}` }));
  return numbers as Numbers<N>;
}

/** Moves an order one step through the API; returns the event's cursor. */
export async function advance(server: TestServer, number: number): Promise<string> {
  const result = await server.gql(ADVANCE, { number });
  if (!result.data?.advanceOrder.event) throw new Error(`could not advance #${number}: ${JSON.stringify(result)}`);
  return result.data.advanceOrder.event.cursor;
}

export async function cancel(server: TestServer, number: number, reason = 'customer left'): Promise<string> {
  const result = await server.gql(CANCEL, { number, reason });
  if (!result.data?.cancelOrder.event) throw new Error(`could not cancel #${number}: ${JSON.stringify(result)}`);
  return result.data.cancelOrder.event.cursor;
}

export interface ServerOrder {
  number: number;
  status: string;
  version: number;
  type: string;
  customerName: string;
  table: string | null;
  cancelReason: string | null;
  rush: boolean;
  trackingCode: string;
  items: { id: string; name: string; quantity: number; modifiers: string[]; station: string; state: 'WAITING' | 'COOKING' | 'DONE' }[];
  history: { kind: string; fromStatus: string | null; toStatus: string | null; note: string | null }[];
}

/** An order as the server has it. */
export async function orderOnServer(server: TestServer, number: number): Promise<ServerOrder> {
  const result = await server.gql(
    `query($number: Int!) { order(number: $number) {
      number status version type customerName table cancelReason rush trackingCode
      items { id name quantity modifiers station state } history { kind fromStatus toStatus note }
    } }`,
    { number },
  );
  if (!result.data?.order) throw new Error(`no order #${number} on the server: ${JSON.stringify(result)}`);
  return result.data.order;
}

/** The newest event's cursor on the server. */
export async function latestCursor(server: TestServer): Promise<string> {
  return (await server.gql('{ latestEventCursor }')).data.latestEventCursor;
}

export { cleanupAfterEach } from '../../support/cleanup.ts';
export { freePort as unusedPort } from '../../support/ports.ts';
