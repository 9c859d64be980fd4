// How many writes a real `orderline serve` (its own process, embedded SQLite, the rate limits
// lifted so they do not measure themselves) answers per second over HTTP, end to end, at 1, 8 and
// 32 concurrent clients sent from separate processes (support/http-load.ts): status changes
// (setRush on and off, each client on an order of its own, so every request is a real change) and
// orders placed. Baseline, at the same concurrency in the same run: the floor any request pays,
// an authenticated `{ __typename }` through the same HTTP, Yoga and authentication; beside it the
// same without a token, which says what authenticating costs.
//   npm run bench -- [--quick] http-writes
import { startServeProcess } from '../tests/support/serve-process.ts';
import { loadNote } from './support/machine.ts';
import { buildCli } from './support/shipped.ts';
import { startLoadGenerator, type Load, type RequestBody } from './support/http-load.ts';
import { ms, QUICK, ratio, report, type Row } from './support/report.ts';

const CLIENTS = [1, 8, 32];
const WINDOW = QUICK ? { warmupMs: 250, durationMs: 800 } : { warmupMs: 1_000, durationMs: 4_000 };
const LIFTED = ['mutations-per-minute', 'orders-per-minute'].flatMap((limit) => ['--limit', `${limit}=100000000`]);

const FLOOR: RequestBody = { query: '{ __typename }', variables: {} };
const SET_RUSH = `mutation SetRush($id: ID!, $rush: Boolean!, $key: String) {
  setRush(id: $id, rush: $rush, idempotencyKey: $key) { __typename ... on OrderChange { order { id status version rush } event { id } } }
}`;
const PLACE: RequestBody = {
  query: `mutation Place($input: PlaceOrderInput!, $key: String) {
    placeOrder(input: $input, idempotencyKey: $key) { __typename ... on OrderChange { order { id number trackingCode status } event { id } } }
  }`,
  variables: { key: '$key', input: { customerName: 'Bench', type: 'TAKEOUT', items: [{ menuItemId: 'cheeseburger', quantity: 1 }, { menuItemId: 'fries', quantity: 2 }] } },
};

await buildCli();
const server = await startServeProcess({ args: LIFTED });
const generator = await startLoadGenerator();
try {
  const url = `${server.url}/graphql`;
  // Fresh orders for each row's status changes, one per client, so no two clients ever race for a
  // row and each client's first change (rush on) is a real one.
  const freshOrders = async (count: number): Promise<RequestBody[]> => {
    const bodies: RequestBody[] = [];
    for (let c = 0; c < count; c++) {
      const placed = await server.gql<{ placeOrder: { order?: { id: string } } }>(PLACE.query, { ...PLACE.variables, key: `setup-${count}-${c}` });
      if (!placed.data?.placeOrder.order) throw new Error(`could not place an order: ${JSON.stringify(placed)}`);
      bodies.push({ query: SET_RUSH, variables: { id: placed.data.placeOrder.order.id, rush: '$odd', key: '$key' } });
    }
    return bodies;
  };

  const rows: Row[] = [];
  const runs: Load[] = [];
  for (const clients of CLIENTS) {
    // Floor first, then the writes, at each concurrency: all measured against the same server.
    const floor = await generator.run(url, server.managerToken, [FLOOR], clients, WINDOW);
    const row = (workload: string, figures: Load): Row => ({
      workload,
      clients,
      'req/s': Math.round(figures.perSecond),
      'p50 ms': ms(figures.p50),
      'p99 ms': ms(figures.p99),
      'vs {__typename} floor': ratio(figures.perSecond, floor.perSecond),
    });
    const anonymous = await generator.run(url, null, [FLOOR], clients, WINDOW);
    const changes = await generator.run(url, server.managerToken, await freshOrders(clients), clients, WINDOW);
    const placed = await generator.run(url, server.managerToken, [PLACE], clients, WINDOW);
    rows.push(row('{ __typename } (floor)', floor), row('{ __typename } without a token', anonymous), row('status change (setRush)', changes), row('order placed (placeOrder)', placed));
    runs.push(floor, anonymous, changes, placed);
  }

  const failed = runs.reduce((sum, run) => sum + run.failed, 0);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const notes = [
    `${WINDOW.durationMs / 1000} s measured per row after ${WINDOW.warmupMs / 1000} s of warm-up; clients spread over up to 4 load processes on the same machine as the server.`,
    failed ? `FAILED: ${failed} requests did not succeed, e.g. ${runs.flatMap((run) => run.failures).slice(0, 3).join(' | ')}` : `every request succeeded (${requests} counted, no HTTP or GraphQL error, every mutation an OrderChange that changed something).`,
    loadNote(),
  ];
  report('http-writes', rows, notes);
  if (failed) process.exitCode = 1;
} finally {
  generator.close();
  await server.stop();
}
