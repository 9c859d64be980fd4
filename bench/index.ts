// `npm run bench [-- --quick] [name ...]`: runs every bench/*.bench.ts in turn (or those whose
// names contain one of the names), each in its own process so one cannot warm up or slow down the
// next. Each benchmark measures its own baseline in the same run, prints its own table and writes
// it as JSON to bench/results/ (bench/support/report.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith('--'));
const flags = args.filter((arg) => arg.startsWith('--'));
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${file}`, ...flags], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
