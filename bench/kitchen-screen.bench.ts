// How soon a change reaches the kitchen display: the time from sending a change to the first
// frame that shows it, with 30 and 300 open tickets. The screen is the real one (Ink, drawn into a
// virtual terminal of 100x24) fed by the real client against a real server in this process.
// Baseline, measured in the same run: the screen as it was, loading every open ticket again for
// each event; against it the screen that folds each event's order into what it shows.
//   npm run bench -- [--quick] kitchen-screen   (quick: 30 open tickets only, fewer changes)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import pino from 'pino';
import { createElement } from 'react';
import { Api } from '../cli/api/client.ts';
import { KitchenSettings, SetRush } from '../cli/api/operations.ts';
import { KitchenScreen, type Kitchen } from '../cli/tui/kitchen-screen.tsx';
import { LiveQuery } from '../cli/tui/live-query.ts';
import { allOrders } from '../cli/tui/screen-data.ts';
import { withOrder, type Order } from '../cli/tui/tickets.ts';
import { parseServerConfig } from '../server/config.ts';
import { buildApp } from '../server/http/app.ts';
import { ms, quantile, QUICK, ratio, report, type Row } from './support/report.ts';

const REPETITIONS = QUICK ? 8 : 25;
const OPEN = QUICK ? [30] : [30, 300];
const IN_KITCHEN: Order['status'][] = ['PENDING', 'CONFIRMED', 'PREPARING'];

async function main() {
  const rows: Row[] = [];
  for (const open of OPEN) {
    const dir = mkdtempSync(join(tmpdir(), 'orderline-bench-'));
    const adminToken = randomBytes(32).toString('base64');
    const app = await buildApp(parseServerConfig({ port: 0, dataDir: dir, logLevel: 'silent', timeZone: 'UTC', adminToken }), pino({ level: 'silent' }));
    try {
      const { port } = await app.start(0, '127.0.0.1');
      const api = new Api({ server: `http://127.0.0.1:${port}`, token: adminToken });
      const ids = await placeOrders(api, open);
      const reload = await measure(api, ids.slice(-REPETITIONS), false);
      const apply = await measure(api, ids.slice(-2 * REPETITIONS, -REPETITIONS), true);
      await api.close();
      rows.push(
        row('reload every ticket per event (baseline)', open, reload, reload),
        row('apply the event’s order', open, apply, reload),
      );
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  report('kitchen-screen', rows, [`${REPETITIONS} changes per row (setRush, each waited for until drawn); the server runs in this process.`]);
}

type Figures = Awaited<ReturnType<typeof measure>>;

function row(screen: string, open: number, figures: Figures, baseline: Figures): Row {
  return {
    screen,
    open,
    'event → frame p50 ms': figures.event.p50,
    'p95 ms': figures.event.p95,
    'change sent → frame p50 ms': figures.sent.p50,
    'speed-up vs baseline (event → frame p50)': ratio(baseline.event.p50, figures.event.p50),
  };
}

async function placeOrders(api: Api, count: number): Promise<string[]> {
  const { graphql } = await import('../shared/graphql.ts');
  const Place = graphql(`mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { ... on OrderChange { order { id } } } }`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = { customerName: `Guest ${i}`, type: 'TAKEOUT' as const, items: [{ menuItemId: 'cheeseburger', quantity: 1 }, { menuItemId: 'fries', quantity: 1 }] };
    const result = (await api.mutate(Place, { input })).placeOrder;
    if ('order' in result) ids.push(result.order.id);
  }
  return ids;
}

/** Marks each order rush in turn (it jumps to the first place) and times its first frame. */
async function measure(api: Api, ids: string[], applying: boolean) {
  const { kitchenSettings: settings } = await api.query(KitchenSettings, {});
  const load = async (client: Api): Promise<Kitchen> => ({ orders: await allOrders(client, { statuses: IN_KITCHEN }), cancelled: [], marks: new Map() });
  const live = new LiveQuery<Kitchen>(api, load, {}, applying ? (kitchen, order) => ({ ...kitchen, orders: withOrder(kitchen.orders, order, (o) => IN_KITCHEN.includes(o.status)) }) : undefined);
  const stop = new AbortController();
  const running = live.run(stop.signal);
  const screen = () => createElement(KitchenScreen, { live: live.getSnapshot(), settings, stations: [], expo: false, actions: {} as never });
  const ink = render(screen());
  // When the latest event reached the screen's client, for the event → frame figure.
  let eventAt = 0;
  let lastEvent: number | null = null;
  const forget = live.subscribe(() => {
    const state = live.getSnapshot();
    if (state.lastEventAt !== lastEvent) {
      lastEvent = state.lastEventAt;
      eventAt = performance.now();
    }
    ink.rerender(screen());
  });
  let waiting: { text: string; resolve: () => void } | null = null;
  const write = ink.stdout.write.bind(ink.stdout);
  ink.stdout.write = (frame: string) => {
    write(frame);
    if (waiting && frame.includes(waiting.text)) waiting.resolve();
  };
  await until(() => live.getSnapshot().connection === 'live' && live.getSnapshot().data !== null);

  const times: number[] = [];
  const fromEvent: number[] = [];
  for (const id of ids) {
    const number = live.getSnapshot().data!.orders.find((order) => order.id === id)!.number;
    const shown = new Promise<void>((resolve) => (waiting = { text: `#${number} RUSH`, resolve }));
    const started = performance.now();
    const { setRush } = await api.mutate(SetRush, { id, rush: true });
    if (!('order' in setRush)) throw new Error('setRush failed');
    await shown;
    times.push(performance.now() - started);
    fromEvent.push(performance.now() - eventAt);
    // Back to normal for the next round, and wait until that is drawn too.
    await api.mutate(SetRush, { id, rush: false });
    await until(() => !ink.lastFrame()?.includes(`#${number} RUSH`));
  }
  forget();
  ink.unmount();
  stop.abort();
  await running.catch(() => undefined);
  return { sent: percentiles(times), event: percentiles(fromEvent) };
}

function percentiles(values: number[]): { p50: number; p95: number } {
  return { p50: ms(quantile(values, 0.5)), p95: ms(quantile(values, 0.95)) };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the screen did not get there in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

await main();
