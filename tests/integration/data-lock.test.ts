// One embedded database, one server: a second `orderline serve` on the same data folder would run
// beside the first, each hearing only its own live events. It refuses to start instead, and a
// server killed without a chance to clean up leaves nothing behind that stops the next one.
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { finished, runCli, startCli } from '../support/cli.ts';
import { startServeProcess } from '../support/serve-process.ts';

const cleanup = cleanupAfterEach();

describe('the data folder lock', { timeout: 60_000 }, () => {
  it('a second server on the same data folder refuses to start, naming the first; after kill -9 of the first a new one starts', async () => {
    const first = await startServeProcess();
    cleanup(() => first.stop());

    // Started from the folder above, as an operator would type it.
    const second = startCli(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', basename(first.database.dataDir)], { cwd: dirname(first.database.dataDir) });
    second.stdin!.end();
    const refused = await finished(second);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `another Orderline server is using ./${basename(first.database.dataDir)} (pid ${first.child.pid}); stop it or choose another --data-dir`,
    );
    // The first never noticed.
    expect(await first.placeOrder()).toBe(1);

    // Housekeeping on the database of a running server still works.
    const migrate = await runCli(['db', 'migrate', '--data-dir', first.database.dataDir]);
    expect(migrate).toMatchObject({ code: 0, stderr: expect.stringMatching(/up to date; nothing applied/) });

    await first.kill();
    const next = await startServeProcess({ restartOf: first });
    cleanup(() => next.stop());
    expect(await next.placeOrder()).toBe(2);
  });
});
