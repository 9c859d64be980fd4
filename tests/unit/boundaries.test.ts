// The layout's rules (.dependency-cruiser.cjs) hold for the tree, and they do catch what they
// forbid: each planted mistake, in a scratch tree of the same shape, fails the check by name.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

function depcruise(cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(DEPCRUISE, ['shared', 'server', 'cli', 'web-tracker/src', '--config', CONFIG, '--output-type', 'err'], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A tree with these files (path → source), laid out like the project. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'orderline-layout-'));
  scratch.push(dir);
  const all = { 'tsconfig.json': '{}', 'shared/lifecycle.ts': 'export const A = 1;\n', 'server/x.ts': '', 'cli/x.ts': '', 'web-tracker/src/x.ts': '', ...files };
  for (const [path, source] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

describe('the layout', () => {
  it('holds for the project as it is', async () => {
    const run = await depcruise(ROOT);
    expect(run.output).toContain('no dependency violations found');
    expect(run.code).toBe(0);
  });

  it.each([
    ['clients-apart', 'a screen importing the tracker', { 'cli/tui/screen.ts': "import { A } from '../../web-tracker/src/clock.ts';\nexport const B = A;\n", 'web-tracker/src/clock.ts': 'export const A = 1;\n' }],
    ['clients-apart', 'the tracker importing the CLI', { 'web-tracker/src/page.ts': "import { A } from '../../cli/output.ts';\nexport const B = A;\n", 'cli/output.ts': 'export const A = 1;\n' }],
    ['tracker-not-server', 'the tracker importing server rules', { 'web-tracker/src/page.ts': "import { A } from '../../server/domain/eta.ts';\nexport const B = A;\n", 'server/domain/eta.ts': 'export const A = 1;\n' }],
    ['cli-runs-the-server-only-where-it-serves', 'a screen opening the database', { 'cli/tui/screen.ts': "import { A } from '../../server/db.ts';\nexport const B = A;\n", 'server/db.ts': 'export const A = 1;\n' }],
    ['server-not-clients', 'the server importing CLI output', { 'server/app.ts': "import { A } from '../cli/output.ts';\nexport const B = A;\n", 'cli/output.ts': 'export const A = 1;\n' }],
    ['shared-is-pure', 'the kernel reading a file', { 'shared/file.ts': "import { readFileSync } from 'node:fs';\nexport const B = readFileSync;\n" }],
    ['domain-is-pure', 'a domain rule importing the database', { 'server/domain/eta.ts': "import { A } from '../db.ts';\nexport const B = A;\n", 'server/db.ts': 'export const A = 1;\n' }],
    ['no-circular', 'two modules importing each other', { 'server/a.ts': "import { B } from './b.ts';\nexport const A = () => B;\n", 'server/b.ts': "import { A } from './a.ts';\nexport const B = () => A;\n" }],
  ])('%s: %s fails the check', async (rule, _mistake, files) => {
    const run = await depcruise(tree(files));
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(`error ${rule}:`);
  });

  it('allows what the layout means: the serve command opens the server, clients use shared/', async () => {
    const run = await depcruise(
      tree({
        'cli/commands/serve.ts': "import { A } from '../../server/app.ts';\nexport const B = A;\n",
        'server/app.ts': "import { A } from '../shared/lifecycle.ts';\nexport { A };\n",
        'web-tracker/src/page.ts': "import { A } from '../../shared/lifecycle.ts';\nexport const B = A;\n",
      }),
    );
    expect(run.output).toContain('no dependency violations found');
    expect(run.code).toBe(0);
  });
});
