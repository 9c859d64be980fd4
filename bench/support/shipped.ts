// What a benchmark starts is Orderline as it ships, bundled (scripts/bundle.ts), never its
// sources through tsx: tsx compiles with esbuild's keepNames, which calls a helper for every
// function created and gives each its own `name` property, a dictionary of properties of about
// 256 bytes per closure. A server creates closures per connection and per request, so through
// tsx it measured some 15% more memory per connection and more CPU than an installed server has.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundle, ROOT } from '../../scripts/bundle.ts';

/** Builds dist/cli from this checkout, so `orderline` (bin/orderline.js) runs the bundle of this code. */
export function buildCli(): void {
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build-cli.ts')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('could not build the CLI bundle (npm run build:cli)');
}

/** Bundles a benchmark's own entry (a file in bench/support/) into dist/bench; returns the bundle's path. */
export async function bundleEntry(file: string): Promise<string> {
  const outdir = join(ROOT, 'dist', 'bench');
  await bundle([join(ROOT, 'bench', 'support', file)], outdir);
  return join(outdir, file.replace(/\.ts$/, '.js'));
}
