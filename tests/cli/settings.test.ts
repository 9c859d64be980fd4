// Where the CLI finds its server and token: flags, then ORDERLINE_SERVER / ORDERLINE_TOKEN, then the
// config file, then the token file a local server wrote. `whoami --json` says which source won, and
// the server says whose token it was. A losing server setting points at a port nothing listens on,
// so a wrong winner would fail the run rather than pass unnoticed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type RunResult } from '../support/cli.ts';
import type { TestServer } from '../support/server.ts';
import { json, orderlineFor, unusedPort, withTestServer } from './support/orderline.ts';

let server: TestServer;
let nowhere: string;
const tokens: Record<'flag' | 'environment' | 'config' | 'tokenFile', string> = { flag: '', environment: '', config: '', tokenFile: '' };
const folders: string[] = [];

withTestServer(async (started) => {
  server = started.server;
  nowhere = `http://127.0.0.1:${await unusedPort()}`;
  for (const source of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[source] = await server.token('MANAGER', `from ${source}`);
});
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

interface User {
  home: string;
  work: string;
  configFile: string;
  tokenFile: string;
}

/** A user's home (with ~/.config/orderline/config.json) and a working folder (with data/manager-token). */
function user(files: { config?: unknown; tokenFile?: string } = {}): User {
  const root = mkdtempSync(join(tmpdir(), 'orderline-user-'));
  folders.push(root);
  const home = join(root, 'home');
  const work = join(root, 'work');
  const configFile = join(home, '.config', 'orderline', 'config.json');
  const tokenFile = join(work, 'data', 'manager-token');
  mkdirSync(join(home, '.config', 'orderline'), { recursive: true });
  mkdirSync(join(work, 'data'), { recursive: true });
  if (files.config !== undefined) writeFileSync(configFile, typeof files.config === 'string' ? files.config : JSON.stringify(files.config));
  if (files.tokenFile) writeFileSync(tokenFile, `${files.tokenFile}\n`);
  return { home, work, configFile, tokenFile };
}

/** `orderline … whoami` as that user: in their folder, with their home, and only the given variables. */
function whoami(as: User, args: string[] = [], env: Record<string, string> = {}): Promise<RunResult> {
  return runCli([...args, 'whoami', '--json'], { cwd: as.work, env: { HOME: as.home, XDG_CONFIG_HOME: undefined, ...env } });
}

describe('settings precedence', () => {
  it('flags win over the environment, the config file and the token file', async () => {
    const everywhere = user({ config: { server: nowhere, token: tokens.config }, tokenFile: tokens.tokenFile });
    const shown = json(await whoami(everywhere, ['--server', server.url, '--token', tokens.flag], { ORDERLINE_SERVER: nowhere, ORDERLINE_TOKEN: tokens.environment }));
    expect(shown).toEqual({
      server: { value: server.url, source: 'flag' },
      token: { value: `${tokens.flag.slice(0, 8)}…`, source: 'flag' },
      viewer: { kind: 'STAFF', name: 'from flag', role: 'MANAGER', tokenId: expect.any(String) },
    });
  });

  it('the environment wins over the config file and the token file', async () => {
    const everywhere = user({ config: { server: nowhere, token: tokens.config }, tokenFile: tokens.tokenFile });
    const shown = json(await whoami(everywhere, [], { ORDERLINE_SERVER: server.url, ORDERLINE_TOKEN: tokens.environment }));
    expect(shown).toMatchObject({ server: { source: 'environment' }, token: { source: 'environment' }, viewer: { name: 'from environment' } });
  });

  it('the config file (~/.config/orderline/config.json) wins over the token file', async () => {
    const configured = user({ config: { server: server.url, token: tokens.config }, tokenFile: tokens.tokenFile });
    const shown = json(await whoami(configured));
    expect(shown).toMatchObject({
      server: { value: server.url, source: 'config file', file: configured.configFile },
      token: { source: 'config file', file: configured.configFile },
      viewer: { name: 'from config' },
    });
  });

  it('--config and ORDERLINE_CONFIG name another config file', async () => {
    const elsewhere = user({ config: { server: nowhere, token: tokens.environment } });
    const chosen = join(elsewhere.work, 'kitchen.json');
    writeFileSync(chosen, JSON.stringify({ server: server.url, token: tokens.config }));
    const [byFlag, byVariable] = await Promise.all([whoami(elsewhere, ['--config', 'kitchen.json']), whoami(elsewhere, [], { ORDERLINE_CONFIG: chosen })]);
    for (const run of [byFlag, byVariable]) {
      expect(json(run)).toMatchObject({ server: { source: 'config file', file: chosen }, viewer: { name: 'from config' } });
    }
  });

  it('the token file a local server wrote is the last resort: ./data/manager-token, or in ORDERLINE_DATA_DIR', async () => {
    const local = user({ config: { server: server.url }, tokenFile: tokens.tokenFile });
    const dataDir = mkdtempSync(join(tmpdir(), 'orderline-data-'));
    folders.push(dataDir);
    writeFileSync(join(dataDir, 'manager-token'), tokens.flag);
    const [inFolder, inDataDir] = await Promise.all([whoami(local), whoami(local, [], { ORDERLINE_DATA_DIR: dataDir })]);
    expect(json(inFolder)).toMatchObject({ server: { source: 'config file' }, token: { source: 'token file', file: local.tokenFile }, viewer: { name: 'from tokenFile' } });
    expect(json(inDataDir)).toMatchObject({ token: { source: 'token file', file: join(dataDir, 'manager-token') }, viewer: { name: 'from flag' } });
  });

  it('never sends the local token file to a server on another address', async () => {
    const local = user({ tokenFile: tokens.tokenFile });
    // 0.0.0.0 reaches this machine on Linux but is not a loopback name: treated as elsewhere.
    const elsewhere = server.url.replace('127.0.0.1', '0.0.0.0');
    const shown = json(await whoami(local, [], { ORDERLINE_SERVER: elsewhere }));
    expect(shown).toMatchObject({ server: { value: elsewhere }, token: { value: null, source: 'none' }, viewer: { kind: 'CUSTOMER' } });
  });

  it('with no token anywhere, whoami says so and the server sees a customer', async () => {
    const shown = json(await whoami(user(), [], { ORDERLINE_SERVER: server.url }));
    expect(shown).toEqual({ server: { value: server.url, source: 'environment' }, token: { value: null, source: 'none' }, viewer: { kind: 'CUSTOMER', name: null, role: null, tokenId: null } });
  });

  it('a server that is not a URL is a usage error (exit 2), found before any request', async () => {
    const [flag, variable] = await Promise.all([
      runCli(['--server', '127.0.0.1:4000', 'orders', 'list']),
      runCli(['orders', 'list'], { env: { ORDERLINE_SERVER: 'ftp://kitchen' } }),
    ]);
    expect(flag).toMatchObject({ code: 2, stderr: 'orderline: --server must be a URL such as http://kitchen.local:4000, got "127.0.0.1:4000"; did you mean http://127.0.0.1:4000?\n' });
    expect(variable).toMatchObject({ code: 2, stderr: 'orderline: ORDERLINE_SERVER must be a URL such as http://kitchen.local:4000, got "ftp://kitchen"\n' });
  });

  it('without a token, staff commands exit 4 and say where a token can come from', async () => {
    const run = await runCli(['orders', 'list'], { env: { ORDERLINE_SERVER: server.url } });
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toBe(
      'orderline: this needs a staff token, and none was found.\nPass --token, set ORDERLINE_TOKEN, or add "token" to the config file; `orderline whoami` shows where the CLI looks.\n',
    );
  });
});

describe('whoami', () => {
  it('shows a table of the server, the token, where each came from, and who the server says you are', async () => {
    const run = await orderlineFor(server, tokens.environment).run(['whoami']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n').map((line) => line.trimEnd())).toEqual([
      expect.stringMatching(/^\s+VALUE\s+FROM$/),
      expect.stringMatching(new RegExp(`^server\\s+${server.url}\\s+environment$`)),
      expect.stringMatching(new RegExp(`^token\\s+${tokens.environment.slice(0, 8)}…\\s+environment$`)),
      expect.stringMatching(/^you are\s+from environment \(MANAGER\)\s+the server$/),
      '',
    ]);
    expect(run.stdout).not.toContain(tokens.environment);
  });

  it('still shows where the token came from when the server refuses it, then exits 4', async () => {
    const run = await orderlineFor(server, 'olt_revoked-or-mistyped').run(['whoami']);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/^token\s+olt_revo…\s+environment\s*$/m);
    expect(run.stdout).toMatch(/^you are\s+refused \(see below\)/m);
    expect(run.stderr).toContain('the token is unknown or revoked');
  });
});

describe('a malformed config file', () => {
  const problems = async (config: string, args: string[] = []) => {
    const broken = user({ config });
    return { broken, run: await runCli([...args, 'orders', 'list'], { cwd: broken.work, env: { HOME: broken.home, XDG_CONFIG_HOME: undefined, ORDERLINE_TOKEN: tokens.flag } }) };
  };

  it('that is not JSON is a usage error (exit 2) naming the file', async () => {
    const { broken, run } = await problems('{"server": "http://localhost:4000",');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(new RegExp(`^orderline: config file ${broken.configFile} is not valid JSON: `));
  });

  it('with wrong or unknown settings names the file and each problem', async () => {
    const { broken, run } = await problems(JSON.stringify({ server: 'kitchen-pc', tokn: 'olt_x' }));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      `orderline: config file ${broken.configFile} has problems:\n  server: must be a URL such as http://kitchen.local:4000\n  (file): Unrecognized key: "tokn"\nIt may hold "server" and "token".\n`,
    );
  });

  it('given with --config but missing is a usage error (exit 2)', async () => {
    const { broken, run } = await problems('{}', ['--config', 'missing.json']);
    expect(run).toMatchObject({ code: 2, stderr: `orderline: config file ${join(broken.work, 'missing.json')} does not exist\n` });
  });
});
