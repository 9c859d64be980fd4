// How Orderline is bundled to run as it ships: by esbuild, for Node 20, as ES modules. Used for
// the CLI (scripts/build-cli.ts) and for the processes the benchmarks measure, so what they
// measure is the code an installed Orderline runs.
//
// The package's `dependencies` stay outside the bundle and are installed with it (native modules,
// Prisma's runtime, what is large); everything else is bundled, so it is no runtime dependency:
// the generated Prisma clients, pino-pretty, gql.tada's document function (its package brings a
// TypeScript language service), and Prisma's SQLite adapter, whose own better-sqlite3 would
// otherwise be a second native build of another version than ours.
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** Bundles `entryPoints` into `outdir`; `splitting` makes a chunk of every lazy import. */
export async function bundle(entryPoints: string[], outdir: string, { splitting = false } = {}): Promise<void> {
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // A package here also means its subpaths (@prisma/client/runtime/…).
    external: Object.keys(dependencies),
    // Bundled CommonJS modules (pino-pretty's) call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

/**
 * Bundles the CLI (and the server it runs) into dist/cli, chunks split at its lazy imports so a
 * command loads only what it uses. Built beside and swapped in whole, so a CLI starting meanwhile
 * never sees half a bundle.
 */
export async function buildCli(): Promise<void> {
  const out = join(ROOT, 'dist', 'cli');
  const staging = `${out}.${process.pid}`;
  await bundle([join(ROOT, 'cli', 'main.ts')], staging, { splitting: true });
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
}
