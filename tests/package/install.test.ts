// A kitchen machine needs no checkout: `npm pack` makes a package that `npm install -g` turns into
// a working `orderline`, with the CLI, the server and the web tracker prebuilt and no build tools
// installed. The project (as committed, with any changes not yet committed) is copied aside and
// packed there, the tarball installed into an empty prefix from the npm registry (or its cache),
// and the installed binary run: serve, orders, and the kitchen screen in a real terminal.
// Needs the npm registry and a minute or two: CI sets ORDERLINE_TEST_PACKAGE=1.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { finished, startHermetic, waitForOutput, type CliProcess } from '../support/cli.ts';
import { Terminal, TMUX } from '../support/terminal.ts';

const PACKAGE = process.env.ORDERLINE_TEST_PACKAGE;
if (!PACKAGE) console.info('skipping the package test: set ORDERLINE_TEST_PACKAGE=1 (it packs Orderline and installs it from the npm registry)');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What only building needs; none of it may be installed with the package. */
const BUILD_TOOLS = ['tsx', 'vite', 'esbuild', 'prisma', 'pino-pretty', '@vitejs/plugin-react', 'typescript', 'gql.tada'];

const run = promisify(execFile);

/** The environment of a user's shell: none of the npm_* variables `npm test` hands its children. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
  return { ...env, ...extra };
}

/** Every package installed under a node_modules folder, nested ones included. */
function installedPackages(modules: string): { name: string; version: string }[] {
  if (!existsSync(modules)) return [];
  return readdirSync(modules)
    .filter((entry) => !entry.startsWith('.'))
    .flatMap((entry) => (entry.startsWith('@') ? readdirSync(join(modules, entry)).map((name) => `${entry}/${name}`) : [entry]))
    .flatMap((name) => {
      const dir = join(modules, name);
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
      return [{ name, version }, ...installedPackages(join(dir, 'node_modules'))];
    });
}

describe.skipIf(!PACKAGE)('the npm package, installed with npm install -g', () => {
  let work: string;
  let installed: string;
  let orderline: string;
  const children: CliProcess[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'orderline-package-'));
    const source = join(work, 'source');
    // What a clone has, plus what is not committed yet; the build tools from this checkout.
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, maxBuffer: 16 << 20 });
    for (const file of stdout.split('\0').filter((path) => path && existsSync(join(ROOT, path)))) {
      mkdirSync(dirname(join(source, file)), { recursive: true });
      cpSync(join(ROOT, file), join(source, file));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'));
    await run('npm', ['pack', '--pack-destination', work], { cwd: source, env: userEnv({ NODE_ENV: 'production' }), maxBuffer: 16 << 20 });
    const tarball = readdirSync(work).find((name) => /^orderline-.*\.tgz$/.test(name));
    if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
    const prefix = join(work, 'prefix');
    await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], {
      cwd: work,
      env: userEnv(),
      maxBuffer: 16 << 20,
    });
    orderline = join(prefix, 'bin', 'orderline');
    installed = join(prefix, 'lib', 'node_modules', 'orderline');
  }, 600_000);

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await finished(child);
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** The installed `orderline` in a fresh folder, with only these settings. */
  function start(args: string[], env: Record<string, string> = {}): CliProcess {
    const child = startHermetic(orderline, args, { env });
    children.push(child);
    return child;
  }

  it('holds the built CLI, server and web tracker, and installs no build tool and no sources', () => {
    expect(existsSync(join(installed, 'dist', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(installed, 'web-tracker', 'dist', 'index.html'))).toBe(true);
    expect(readdirSync(join(installed, 'prisma', 'migrations', 'sqlite')).length).toBeGreaterThan(0);
    for (const sources of ['cli', 'server', 'shared', 'scripts', 'tests']) expect(existsSync(join(installed, sources))).toBe(false);
    const packages = installedPackages(join(installed, 'node_modules'));
    expect(packages.filter(({ name }) => BUILD_TOOLS.includes(name))).toEqual([]);
    // One native SQLite build, anywhere in the tree, of the version the checkout tests with.
    const ours = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string };
    expect(packages.filter(({ name }) => name === 'better-sqlite3').map(({ version }) => version)).toEqual([ours.version]);
  });

  it('serves the API and the customer pages; its CLI places and lists orders', async () => {
    const data = join(work, 'data-serve');
    const server = start(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', data]);
    const [, url] = await waitForOutput(server, /GraphQL\s+(http:\/\/\S+)\/graphql/, 30_000);
    const origin = url!.replace('localhost', '127.0.0.1');
    const page = await fetch(`${origin}/order`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script type="module"[^>]*src="\/assets\/[^"]+\.js"/);
    expect(await (await fetch(`${origin}/health`)).json()).toMatchObject({ status: 'ok' });

    const env = { ORDERLINE_SERVER: origin, ORDERLINE_TOKEN: readFileSync(join(data, 'manager-token'), 'utf8').trim() };
    const placed = await finished(start(['orders', 'place', '--item', '2x Margherita', '--customer', 'Packaged Pat'], env));
    expect(placed.stderr).toBe('');
    expect(placed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Order #1 placed/) });
    const listed = await finished(start(['orders', 'list'], env));
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.stdout).toMatch(/^1\s+PENDING\s+TAKEOUT\s+Packaged Pat\s+2× Margherita/m);
  });

  it.skipIf(!TMUX)('runs the kitchen screen in a real terminal, live', async () => {
    const data = join(work, 'data-kitchen');
    const server = start(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', data]);
    const [, url] = await waitForOutput(server, /GraphQL\s+(http:\/\/\S+)\/graphql/, 30_000);
    const env = { ORDERLINE_SERVER: url!, ORDERLINE_TOKEN: readFileSync(join(data, 'manager-token'), 'utf8').trim() };
    const terminal = await Terminal.orderline(['kitchen'], env, { command: [orderline], width: 100, height: 30 });
    try {
      await terminal.waitFor(/● live/);
      await finished(start(['orders', 'place', '--item', 'Cola', '--customer', 'Screen Sam'], env));
      await terminal.waitFor(/1 #1 [\s\S]*TO-GO Screen Sam/);
    } finally {
      await terminal.close();
    }
  });
});
