// `orderline kitchen` end to end against a server that hangs (SIGSTOP: its sockets stay open and
// say nothing): the real binary in a real terminal (tmux) notices within its default heartbeat,
// says so in the header and keeps the tickets; once the server goes on (SIGCONT) it is live again
// and new orders appear. Needs tmux: CI sets ORDERLINE_TEST_TMUX (and then this test must run).
import { afterEach, describe, expect, it } from 'vitest';
import { HEARTBEAT } from '../../cli/api/client.ts';
import { startServeProcess } from '../support/serve-process.ts';
import { Terminal, TMUX } from '../support/terminal.ts';
import { cleanupAfterEach } from './support/orderline.ts';

if (!TMUX) console.info('skipping the hung-server screen test: ORDERLINE_TEST_TMUX is not set');

const defer = cleanupAfterEach();
/** The longest a hung server may go unnoticed: a quiet interval, then the wait for the pong. */
const BOUND_MS = HEARTBEAT.everyMs + HEARTBEAT.timeoutMs;
/** Reading the screen through tmux, and timers late on a loaded machine. */
const SLACK_MS = 2_000;

describe.skipIf(!TMUX)('the kitchen screen when its server hangs (tmux)', { timeout: 90_000 }, () => {
  let terminal: Terminal | undefined;
  afterEach(async () => {
    await terminal?.close();
    terminal = undefined;
  });

  it('shows OFFLINE within the heartbeat, keeps the tickets; live again once the server goes on', async () => {
    const server = await startServeProcess();
    defer(() => server.stop());
    const first = await server.placeOrder();
    terminal = await Terminal.orderline(['kitchen'], { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: server.managerToken }, { width: 100, height: 30 });
    await terminal.waitFor(new RegExp(`● live[\\s\\S]*1 #${first} `));

    const hungAt = Date.now();
    server.hang();
    const offline = await terminal.waitFor(/✕ OFFLINE since \d/, BOUND_MS + SLACK_MS + 5_000);
    expect(Date.now() - hungAt).toBeLessThan(BOUND_MS + SLACK_MS);
    expect(offline).toMatch(new RegExp(`1 #${first} `)); // what it knew stays on screen
    expect(offline).toMatch(/reconnecting: attempt \d+, (next try in \d+s|trying now) · last updated \d/);
    expect(offline).not.toMatch(/● live/);

    server.resume();
    await terminal.waitFor(/● live/, 20_000);
    const second = await server.placeOrder();
    const live = await terminal.waitFor(new RegExp(`2 #${second} `));
    expect(live).not.toMatch(/OFFLINE/);
    expect(live).toMatch(/last event \d/);

    await terminal.press('q');
    expect(await terminal.exitCode()).toBe(0);
  });
});
