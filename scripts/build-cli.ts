// Bundles the CLI into dist/cli (run at install), so `orderline` starts in a fraction of the time
// TypeScript through tsx takes. Chunks are split at the CLI's lazy imports, so a command loads only
// what it uses. bin/orderline.js runs the bundle only while it is newer than every source.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'cli');
// Built beside and swapped in whole, so a CLI starting meanwhile never sees half a bundle.
const staging = `${OUT}.${process.pid}`;

await build({
  entryPoints: [join(ROOT, 'cli', 'main.ts')],
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
rmSync(OUT, { recursive: true, force: true });
renameSync(staging, OUT);
