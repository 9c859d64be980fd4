// `orderline simulate`: believable orders and kitchen progress through the public API. What it
// reports is checked against the orders the server has.
import { describe, expect, it } from 'vitest';
import { finished, stopCli, waitForOutput } from '../support/cli.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { cleanupAfterEach, jsonLines, orderOnServer, orderlineFor, withTestServer, type Orderline } from './support/orderline.ts';

const defer = cleanupAfterEach();

let server: TestServer;
let orderline: Orderline;
withTestServer((started) => ({ server, orderline } = started));

interface Action {
  action: 'place' | 'advance' | 'cancel';
  order: number;
  type?: string;
  from?: string;
  to?: string;
}

describe('orderline simulate', () => {
  it('places orders and moves some through the kitchen, one JSON line per action', async () => {
    const run = await orderline.run(['simulate', '--rate', '1/s', '--duration', '4s', '--speed', '300', '--seed', '7', '--json']);
    expect(run.code).toBe(0);
    const actions = jsonLines<Action>(run.stdout);
    const placed = actions.filter((a) => a.action === 'place');
    const changes = actions.filter((a) => a.action !== 'place');
    expect(placed.length).toBeGreaterThanOrEqual(1);
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(run.stderr).toMatch(/^simulating 3600 orders\/h for 4 s at 300× kitchen speed \(seed 7\)\n/);
    expect(run.stderr).toContain(`placed ${placed.length} orders, made ${changes.length} status changes\n`);
    expect(run.stderr).not.toMatch(/warning/i);

    for (const { order, type } of placed) {
      const onServer = await orderOnServer(server, order);
      const last = changes.filter((c) => c.order === order).at(-1);
      expect({ order, type: onServer.type, status: onServer.status }).toEqual({ order, type, status: last?.to ?? 'PENDING' });
      // The server's history is the simulation's story of the order, step by step.
      expect(onServer.history.slice(1).map((e) => [e.fromStatus, e.toStatus])).toEqual(changes.filter((c) => c.order === order).map((c) => [c.from, c.to]));
    }
    expect(changes.every((c) => placed.some((p) => p.order === c.order))).toBe(true);
  });

  it('stops with one clear message (exit 1) when the server goes away mid-run', async () => {
    const doomed = await startServer();
    defer(() => doomed.stop());
    const simulation = orderlineFor(doomed).start(['simulate', '--rate', '5/s', '--duration', '60s', '--speed', '100', '--seed', '3']);
    defer(() => stopCli(simulation));
    await waitForOutput(simulation, /#\d+ {2}placed/);
    await doomed.stop();

    const run = await finished(simulation);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\nplaced \d+ orders, made \d+ status changes(, \d+ refused)?\norderline: could not reach the Orderline server at \S+ \(ECONNREFUSED\) after 4 attempts\.\nIs it running\?.*\n$/);
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
  });
});
