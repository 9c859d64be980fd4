// Colour in a real terminal: `orderline orders list` in an 80x24 tmux pane is coloured, and not
// with NO_COLOR=1, with --no-color, or when its output goes to a pipe. Needs tmux: CI sets
// ORDERLINE_TEST_TMUX to its path (and then these tests must run); without it they are skipped.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import type { TestServer } from '../support/server.ts';
import { Terminal, TMUX } from '../support/terminal.ts';
import { advance, placeOrders, withTestServer } from './support/orderline.ts';

if (!TMUX) console.info('skipping the terminal tests: ORDERLINE_TEST_TMUX is not set');

// A colour code: the escape character is what it looks for.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[[\d;]*m/;

let server: TestServer;
withTestServer(async (started) => {
  server = started.server;
  const [, preparing] = await placeOrders(server, 2);
  await advance(server, preparing);
  await advance(server, preparing);
});

describe.skipIf(!TMUX)('in a real terminal (tmux)', () => {
  let terminal: Terminal | undefined;
  afterEach(async () => {
    await terminal?.close();
    terminal = undefined;
  });

  /**
   * Runs `orderline <args>` (then `shellTail`, e.g. a pipe) in a fresh 80x24 pane with only the
   * given colour settings, and returns the screen, escape codes included, once it has exited.
   */
  async function inTerminal(args: string[], { env = {}, shellTail = '' }: { env?: Record<string, string>; shellTail?: string } = {}) {
    const settings = { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: server.managerToken, ...env };
    terminal = await Terminal.orderline(args, settings, { shellTail });
    const code = await terminal.exitCode();
    return { screen: await terminal.screen({ escapes: true }), code };
  }

  it('a table on a terminal is coloured', async () => {
    const { screen, code } = await inTerminal(['orders', 'list']);
    expect(code).toBe(0);
    expect(screen).toMatch(ESCAPE);
    expect(screen).toMatch(/PREPARING/);
  });

  it('NO_COLOR=1 turns colour off', async () => {
    const { screen, code } = await inTerminal(['orders', 'list'], { env: { NO_COLOR: '1' } });
    expect(code).toBe(0);
    expect(screen).toMatch(/PREPARING/);
    expect(screen).not.toMatch(ESCAPE);
  });

  it('an empty NO_COLOR does not (no-color.org: "set and not empty")', async () => {
    const { screen } = await inTerminal(['orders', 'list'], { env: { NO_COLOR: '' } });
    expect(screen).toMatch(ESCAPE);
  });

  it('--no-color turns colour off', async () => {
    const { screen, code } = await inTerminal(['--no-color', 'orders', 'list']);
    expect(code).toBe(0);
    expect(screen).toMatch(/PREPARING/);
    expect(screen).not.toMatch(ESCAPE);
  });

  it('output piped to another program has no colour, even from a terminal', async () => {
    const { screen, code } = await inTerminal(['orders', 'list'], { shellTail: ' | cat' });
    expect(code).toBe(0);
    expect(screen).toMatch(/PREPARING/);
    expect(screen).not.toMatch(ESCAPE);
  });
});

describe('without a terminal', () => {
  it('output to a pipe has no colour, with no NO_COLOR set', async () => {
    const run = await runCli(['orders', 'list'], { env: { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: server.managerToken, NO_COLOR: undefined } });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/PREPARING/);
    expect(run.stdout).not.toMatch(ESCAPE);
  });
});
