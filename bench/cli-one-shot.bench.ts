// The wall time of one CLI command, from spawning it to its exit: `orderline orders list --json`
// against a real `orderline serve` in a process of its own. Baseline, in the same run: bare
// `node -e` sending the same GraphQL request (the document the CLI sends, the same variables)
// with fetch and printing the result, the least any Node program can take for it. Runs alternate
// between the ways, so a machine growing busier slows them all alike.
//   npm run bench -- [--quick] cli-one-shot
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { print } from 'graphql';
import { ListOrders } from '../cli/api/operations.ts';
import { startServeProcess } from '../tests/support/serve-process.ts';
import { loadNote } from './support/machine.ts';
import { buildCli } from './support/shipped.ts';
import { median, ms, QUICK, quantile, ratio, report } from './support/report.ts';

const RUNS = QUICK ? 6 : 40;
const ORDERS = 20;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BASELINE = `
const response = await fetch(process.env.ORDERLINE_SERVER + '/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + process.env.ORDERLINE_TOKEN },
  body: JSON.stringify({ query: process.env.BENCH_QUERY, variables: { filter: {}, last: 50 } }),
});
const { data } = await response.json();
console.log(JSON.stringify(data.orders.edges.map((edge) => edge.node), null, 2));
`;

const WAYS = [
  { way: 'node -e with fetch (baseline)', args: ['--input-type=module', '-e', BASELINE] },
  { way: 'orderline, the bundle (dist/cli, as installed)', args: [join(ROOT, 'dist/cli/main.js'), 'orders', 'list', '--json'] },
  { way: 'orderline in a checkout (bin/orderline.js)', args: [join(ROOT, 'bin/orderline.js'), 'orders', 'list', '--json'] },
  { way: 'orderline from the sources through tsx', args: ['--import', 'tsx', join(ROOT, 'cli/main.ts'), 'orders', 'list', '--json'] },
];

// Built now, so the bundle is this checkout's code and bin/orderline.js runs it too.
await buildCli();

const home = mkdtempSync(join(tmpdir(), 'orderline-bench-home-'));
const server = await startServeProcess();
try {
  for (let i = 0; i < ORDERS; i++) await server.placeOrder();
  // A clean environment: no settings of the developer's own, the server and token from variables.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ORDERLINE_|DATABASE_URL|REDIS_URL|NODE_OPTIONS)/.test(key)));
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1', ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: server.managerToken, BENCH_QUERY: print(ListOrders) });
  const once = (args: string[]): number => {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
    const took = performance.now() - started;
    // Every way must have printed the same orders, or it measured something else.
    const printed = run.status === 0 ? (JSON.parse(run.stdout) as unknown[]) : [];
    if (printed.length !== ORDERS) throw new Error(`${args.slice(0, 3).join(' ')} failed (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
    return took;
  };
  for (const { args } of WAYS) once(args); // warm the file system's cache
  const times = WAYS.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) WAYS.forEach(({ args }, w) => times[w]!.push(once(args)));

  const baseline = median(times[0]!);
  report(
    'cli-one-shot',
    WAYS.map(({ way }, w) => ({ way, runs: RUNS, 'p50 ms': ms(median(times[w]!)), 'p99 ms': ms(quantile(times[w]!, 0.99)), 'vs baseline (p50)': ratio(median(times[w]!), baseline) })),
    [`each run spawns node and lists the ${ORDERS} orders as JSON; every run exited 0 and printed all ${ORDERS}.`, loadNote()],
  );
} finally {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
