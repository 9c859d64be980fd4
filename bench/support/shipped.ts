// What a benchmark starts is Orderline as it ships, bundled (scripts/bundle.ts), never its
// sources through tsx: tsx compiles with esbuild's keepNames, which calls a helper for every
// function created and gives each its own `name` property, a dictionary of properties of about
// 256 bytes per closure. A server creates closures per connection and per request, so through
// tsx it measured some 15% more memory per connection and more CPU than an installed server has.
// buildCli (dist/cli) is for a benchmark that starts `orderline`: bin/orderline.js then runs the
// bundle of this checkout's code.
import { join } from 'node:path';
import { bundle, ROOT } from '../../scripts/bundle.ts';

export { buildCli } from '../../scripts/bundle.ts';

/** Bundles a benchmark's own entry (a file in bench/support/) into dist/bench; returns the bundle's path. */
export async function bundleEntry(file: string): Promise<string> {
  const outdir = join(ROOT, 'dist', 'bench');
  await bundle([join(ROOT, 'bench', 'support', file)], outdir);
  return join(outdir, file.replace(/\.ts$/, '.js'));
}
