// Bundles the CLI (and the server it runs) into dist/cli: at install in a checkout, and into the
// package (`npm pack`), so `orderline` starts in a fraction of the time TypeScript through tsx
// takes and an installed Orderline needs no build tools. Chunks are split at the CLI's lazy
// imports, so a command loads only what it uses. bin/orderline.js runs the bundle only while it is
// newer than every source.
//
// The package's `dependencies` stay outside the bundle and are installed with it (native modules,
// Prisma's runtime, what is large); everything else the CLI imports is bundled, so it is no
// runtime dependency: the generated Prisma clients, pino-pretty, gql.tada's document function
// (its package brings a TypeScript language service), and Prisma's SQLite adapter, whose own
// better-sqlite3 would otherwise be a second native build of another version than ours.
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'cli');
// Built beside and swapped in whole, so a CLI starting meanwhile never sees half a bundle.
const staging = `${OUT}.${process.pid}`;
const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

await build({
  entryPoints: [join(ROOT, 'cli', 'main.ts')],
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A package here also means its subpaths (@prisma/client/runtime/…).
  external: Object.keys(dependencies),
  // Bundled CommonJS modules (pino-pretty's) call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
rmSync(OUT, { recursive: true, force: true });
renameSync(staging, OUT);
