// What every benchmark shares: the --quick switch, figures from samples, and the report: a table
// on stdout and the same rows as JSON in bench/results/<name>.json, so runs can be compared.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** `npm run bench -- --quick`: fewer sizes and repetitions, for a look in a minute or two. */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

export type Row = Record<string, string | number>;

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

/** Prints the rows as a table and writes them, with the machine they ran on, to bench/results/. */
export function report(name: string, rows: Row[], notes: string[] = []): void {
  console.table(rows);
  for (const note of notes) console.log(note);
  mkdirSync(RESULTS, { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(`${RESULTS}${name}.json`, `${JSON.stringify({ name, at: new Date().toISOString(), quick: QUICK, machine, rows, notes }, null, 2)}\n`);
}

/** The q-th quantile (0..1) of the samples, by nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** `value` as a multiple of `baseline`, the way every table says it: "1.00×". */
export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

/** Milliseconds, rounded for a table. */
export function ms(value: number): number {
  return Math.round(value * 10) / 10;
}
