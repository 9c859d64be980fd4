// Builds the customer web tracker into web-tracker/dist, which the server serves.
//   tsx scripts/build-web.ts             build now
//   tsx scripts/build-web.ts --if-stale  build only when dist is missing or older than a source (npm start)
//   tsx scripts/build-web.ts --out-dir D build into D instead (tests, so as not to race other builds)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../web-tracker/', import.meta.url));
const BUILT = join(ROOT, 'dist', 'index.html');
// The tracker imports shared/ too (the schema's types, the lifecycle, the clock).
const SOURCES = ['index.html', 'vite.config.ts', 'precompress.ts', 'tsconfig.json', 'src', 'public', '../shared'];

function newestSource(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestSource(join(path, entry))));
}

export function isStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => newestSource(join(ROOT, source)) > built);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  const at = process.argv.indexOf('--out-dir');
  const outDir = at > 0 ? process.argv[at + 1] : undefined;
  console.error('building the web tracker…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', ...(outDir && { build: { outDir } }) });
  console.error(`web tracker built into ${outDir ?? 'web-tracker/dist'}`);
}
