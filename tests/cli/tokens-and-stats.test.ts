// `orderline tokens …` (staff API tokens, managers only) and `orderline stats`.
import { describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { advance, cancel, cleanupAfterEach, json, orderlineFor, placeOrders, withTestServer, type Orderline } from './support/orderline.ts';

const defer = cleanupAfterEach();
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let server: TestServer;
let orderline: Orderline;
withTestServer((started) => ({ server, orderline } = started));

/** A server of its own, for a test that counts what is on it. */
async function ownServer(): Promise<{ server: TestServer; orderline: Orderline }> {
  const own = await startServer();
  defer(() => own.stop());
  return { server: own, orderline: orderlineFor(own) };
}

describe('tokens', () => {
  it('create prints only the secret on stdout, for a script to keep, and the new token works', async () => {
    const run = await orderline.run(['tokens', 'create', '--role', 'kitchen', '--name', 'Grill screen']);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^olt_\S+\n$/) });
    expect(run.stderr).toMatch(/^created KITCHEN token \d+ "Grill screen"; the secret above is shown only now\n$/);
    const who = json(await orderlineFor(server, run.stdout.trim()).run(['whoami', '--json']));
    expect(who.viewer).toMatchObject({ kind: 'STAFF', name: 'Grill screen', role: 'KITCHEN' });
  });

  it('create --json, list --json and revoke: a revoked token is refused at once (exit 4)', async () => {
    const created = json(await orderline.run(['tokens', 'create', '--role', 'manager', '--name', 'Alice', '--json']));
    expect(created).toEqual({
      secret: expect.stringMatching(/^olt_/),
      token: { id: expect.any(String), name: 'Alice', role: 'MANAGER', prefix: created.secret.slice(0, 8), createdAt: expect.stringMatching(ISO_TIME), revokedAt: null },
    });
    const { id } = created.token;
    expect(await orderline.run(['tokens', 'revoke', id])).toMatchObject({ code: 0, stdout: `revoked token ${id} "Alice" (MANAGER)\n` });

    const listed = json<{ id: string; revokedAt: string | null }[]>(await orderline.run(['tokens', 'list', '--json']));
    expect(listed.find((token) => token.id === id)).toMatchObject({ revokedAt: expect.stringMatching(ISO_TIME) });
    const refused = await orderlineFor(server, created.secret).run(['orders', 'list']);
    expect(refused).toMatchObject({ code: 4, stderr: expect.stringContaining('the token is unknown or revoked') });
  });

  it('list prints a table that never shows a secret, with when each token was last used', async () => {
    const secret = (await orderline.run(['tokens', 'create', '--role', 'kitchen', '--name', 'Spare tablet'])).stdout.trim();
    const run = await orderline.run(['tokens', 'list']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [head, first] = run.stdout.split('\n');
    expect(head).toMatch(/^ID\s+NAME\s+ROLE\s+STARTS WITH\s+CREATED\s+LAST USED\s+STATE\s*$/);
    expect(first).toMatch(new RegExp(`^1\\s+first manager\\s+MANAGER\\s+${server.managerToken.slice(0, 8)}…\\s+.+\\s+active\\s*$`));
    expect(run.stdout).toMatch(/Spare tablet\s+KITCHEN\s+olt_\S+…\s+.+\s+never\s+active/);
    expect(run.stdout).not.toContain(server.managerToken);

    await orderlineFor(server, secret).run(['orders', 'list']);
    const spareLine = async () => (await orderline.run(['tokens', 'list'])).stdout.split('\n').find((line) => line.includes('Spare tablet')) ?? '';
    // Created at a time, and now last used at a time too.
    await expect.poll(async () => (await spareLine()).match(/\d{1,2}:\d\d/g)?.length).toBe(2);
    expect(await spareLine()).not.toContain('never');
  });

  it('revoking an unknown token exits 5; the last manager token cannot be revoked (exit 2), said once', async () => {
    const { orderline } = await ownServer();
    const [unknown, last] = await Promise.all([orderline.run(['tokens', 'revoke', '99']), orderline.run(['tokens', 'revoke', '1'])]);
    expect(unknown).toMatchObject({ code: 5, stderr: 'orderline: there is no token with id 99\n' });
    expect(last).toMatchObject({ code: 2, stderr: 'orderline: id: "first manager" is the last manager token; create another manager token first\n' });
  });

  it('a kitchen token cannot manage tokens (exit 4)', async () => {
    const run = await orderlineFor(server, await server.token('KITCHEN')).run(['tokens', 'list']);
    expect(run).toMatchObject({ code: 4, stdout: '' });
  });

  it('a role other than kitchen or manager is a usage error (exit 2)', async () => {
    const run = await orderline.run(['tokens', 'create', '--role', 'chef', '--name', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: option '--role <role>' argument 'chef' is invalid. Allowed choices are kitchen, manager.");
  });
});

describe('stats', () => {
  it('--json counts today’s orders, and the table for people says the same', async () => {
    const { server, orderline } = await ownServer();
    const [, confirmed, cancelled] = await placeOrders(server, 3);
    await advance(server, confirmed);
    await cancel(server, cancelled);

    const [machine, human] = await Promise.all([orderline.run(['stats', '--json']), orderline.run(['stats'])]);
    const stats = json(machine);
    expect(stats).toMatchObject({ open: 2, late: 0, placedToday: 3, completedToday: 0, cancelledToday: 1, averageReadyMinutes: null, businessDate: new Date().toISOString().slice(0, 10) });
    const count = (status: string) => stats.byStatus.find((s: { status: string }) => s.status === status)?.count;
    expect([count('PENDING'), count('CONFIRMED'), count('CANCELLED'), count('READY')]).toEqual([1, 1, 1, 0]);

    expect(human).toMatchObject({ code: 0, stderr: '' });
    const rows = human.stdout.split('\n').map((line) => line.trimEnd());
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^open now\s+2$/),
        expect.stringMatching(/^placed today\s+3$/),
        expect.stringMatching(/^cancelled today\s+1$/),
        expect.stringMatching(/^placed to ready\s+-$/),
        expect.stringMatching(/^STATUS\s+ORDERS$/),
        expect.stringMatching(/^PENDING\s+1$/),
        expect.stringMatching(/^CONFIRMED\s+1$/),
      ]),
    );
    expect(rows.some((row) => row.startsWith('READY'))).toBe(false); // statuses with no orders are left out
  });
});
