// `orderline serve` and `orderline db migrate` in a folder of their own, and the CLI finding the
// manager token the server left there: the first minutes of someone trying Orderline.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finished, runCli, startCli, stopCli, waitForOutput } from '../support/cli.ts';
import { cleanupAfterEach, json } from './support/orderline.ts';

const defer = cleanupAfterEach();

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'orderline-local-'));
  defer(() => rmSync(path, { recursive: true, force: true }));
  return path;
}

describe('a local server', () => {
  it('serve keeps its data in ./data, and the CLI run in the same folder uses the token it saved', async () => {
    const here = folder();
    const serve = startCli(['serve', '--port', '0', '--host', '127.0.0.1'], { cwd: here });
    defer(() => stopCli(serve));
    const [, url] = await waitForOutput(serve, /GraphQL\s+(http:\/\/\S+)\/graphql/);
    await waitForOutput(serve, /Saved for the local CLI in data\/manager-token/);

    const env = { ORDERLINE_SERVER: url! };
    const who = json(await runCli(['whoami', '--json'], { cwd: here, env }));
    expect(who).toMatchObject({ token: { source: 'token file', file: join(here, 'data', 'manager-token') }, viewer: { role: 'MANAGER' } });
    expect(serve.output.stdout).toContain(`Manager token: ${readFileSync(join(here, 'data', 'manager-token'), 'utf8').trim()}  (shown once)`);
    const placed = await runCli(['orders', 'place', '-i', 'Fries', '-c', 'Noor'], { cwd: here, env });
    expect(placed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Order #1 placed/) });

    serve.kill('SIGTERM');
    expect((await finished(serve)).code).toBe(0);
  });

  it('db migrate creates the database and a manager token once; a second run applies nothing', async () => {
    const dataDir = join(folder(), 'orderline-data');
    const first = await runCli(['db', 'migrate', '--data-dir', dataDir]);
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toContain(`created a manager token, saved in ${join(dataDir, 'manager-token')}\n`);
    // Every migration in prisma/migrations/sqlite, oldest first.
    const migrations = readdirSync(join(import.meta.dirname, '../../prisma/migrations/sqlite')).sort();
    expect(first.stderr).toMatch(new RegExp(`applied ${migrations.length} migration\\(s\\) to SQLite .*: ${migrations.join(', ')}\n$`));

    const second = await runCli(['db', 'migrate', '--data-dir', dataDir]);
    expect(second).toMatchObject({ code: 0, stdout: '', stderr: expect.stringMatching(/^SQLite .* is up to date; nothing applied\n$/) });
  });
});
