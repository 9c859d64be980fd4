// Network trouble: reads and changes that carry an idempotency key are retried with backoff; a
// change without one is not, since the first attempt may have been applied. The last error names
// the server it tried. Attempts are counted by servers that accept each connection and then drop
// it as the request arrives, or never answer.
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { cleanupAfterEach, unusedPort } from './support/orderline.ts';

const defer = cleanupAfterEach();
const IS_IT_RUNNING = 'Is it running? Start it with `orderline serve`, or point --server / ORDERLINE_SERVER at it.';

/** A server that hangs up on every request, or (`silent`) never answers one; it counts connections. */
async function hangingUp({ silent = false } = {}): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    socket.on('data', () => silent || socket.destroy());
    defer(() => socket.destroy());
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  defer(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, connections: () => connections };
}

const env = (url: string) => ({ ORDERLINE_SERVER: url, ORDERLINE_TOKEN: 'olt_any-token-will-do' });

describe('a server that cannot be reached', () => {
  it('a query is retried, then fails with exit 1 naming the server and the attempts', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const run = await runCli(['orders', 'list'], { env: env(url) });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`orderline: could not reach the Orderline server at ${url} (ECONNREFUSED) after 4 attempts.\n${IS_IT_RUNNING}\n`);
  });

  it('reads and keyed changes are tried 4 times; a change without an idempotency key only once', async () => {
    const [list, advance, createToken] = await Promise.all([hangingUp(), hangingUp(), hangingUp()]);
    const [listed, advanced, created] = await Promise.all([
      runCli(['orders', 'list'], { env: env(list.url) }),
      runCli(['orders', 'advance', '12'], { env: env(advance.url) }),
      runCli(['tokens', 'create', '--role', 'kitchen', '--name', 'Grill screen'], { env: env(createToken.url) }),
    ]);
    expect([listed.code, advanced.code, created.code]).toEqual([1, 1, 1]);
    expect([list.connections(), advance.connections(), createToken.connections()]).toEqual([4, 4, 1]);
    expect(listed.stderr).toContain(`could not reach the Orderline server at ${list.url} (UND_ERR_SOCKET) after 4 attempts.`);
    expect(advanced.stderr).toContain(`could not reach the Orderline server at ${advance.url} (UND_ERR_SOCKET) after 4 attempts.`);
    expect(created.stderr).toMatch(new RegExp(`^orderline: could not reach the Orderline server at ${createToken.url} \\(\\w+\\)\\.\\n`));
    expect(created.stderr).not.toMatch(/after \d+ attempts/);
  });

  it('a server that never answers fails the request after 15 s, as network trouble (exit 1)', async () => {
    const silent = await hangingUp({ silent: true });
    const run = await runCli(['tokens', 'create', '--role', 'kitchen', '--name', 'Grill screen'], { env: env(silent.url), timeoutMs: 30_000 });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`orderline: could not reach the Orderline server at ${silent.url} (no answer within 15 s).\n${IS_IT_RUNNING}\n`);
    expect(silent.connections()).toBe(1);
  }, 30_000);

  it('whoami still shows which server it tried', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const run = await runCli(['whoami'], { env: env(url) });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^server\\s+${url}\\s+environment\\s*$`, 'm'));
    expect(run.stdout).toMatch(/^you are\s+unknown: no answer \(see below\)/m);
    expect(run.stderr).toContain(`could not reach the Orderline server at ${url}`);
  });
});
