// How much the web tracker costs a customer's phone: its built JavaScript minified, gzipped and
// brotli-compressed, and the whole first load (index.html and what it links: CSS, JS) as the server
// sends it to a browser (the brotli copies web-tracker/precompress.ts wrote, else the file), against
// a minimal React + urql page built by Vite with the same settings in the same run. The difference
// is what the tracker itself adds (its pages, graphql-ws, the typed documents). Sizes are exact,
// so --quick changes nothing here.
//   npm run bench -- web-size
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildSettings, TRACKER_ROOT } from '../web-tracker/vite.config.ts';
import { report, type Row } from './support/report.ts';

// Vite bundles React's development build when NODE_ENV says so; measure what customers get.
process.env.NODE_ENV = 'production';

/** What the tracker may add on top of React + urql, gzipped; past it the bench fails. */
const BUDGET_BYTES = 24 * 1024;

const BASELINE_PAGE = `
import { createRoot } from 'react-dom/client';
import { Client, Provider, cacheExchange, fetchExchange, useQuery } from 'urql';

const client = new Client({ url: '/graphql', exchanges: [cacheExchange, fetchExchange] });

function Menu() {
  const [result] = useQuery({ query: '{ menu { id name } }' });
  return <pre>{JSON.stringify(result.data ?? null)}</pre>;
}

createRoot(document.getElementById('root')!).render(<Provider value={client}><Menu /></Provider>);
`;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
  /** index.html and the CSS and JavaScript it links, as sent to a browser that accepts brotli. */
  firstLoad: number;
}

async function built(root: string, outDir: string): Promise<Size> {
  await build({ ...buildSettings(root, outDir), configFile: false, mode: 'production', logLevel: 'error' });
  const size = (file: string) => statSync(join(outDir, file)).size;
  // The compressed copy, or the file itself when it was too small to be worth compressing.
  const sent = (file: string, extension: 'br' | 'gz') => size(existsSync(join(outDir, `${file}.${extension}`)) ? `${file}.${extension}` : file);
  const js = readdirSync(join(outDir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `assets/${file}`);
  if (!js.length) throw new Error(`no JavaScript was built into ${outDir}`);
  const linked = [...readFileSync(join(outDir, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1]!);
  const sum = (files: string[], of: (file: string) => number) => files.reduce((total, file) => total + of(file), 0);
  return {
    raw: sum(js, size),
    gzip: sum(js, (file) => sent(file, 'gz')),
    brotli: sum(js, (file) => sent(file, 'br')),
    firstLoad: sum(['index.html', ...linked], (file) => sent(file, 'br')),
  };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const signed = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${kB(Math.abs(bytes))}`;

// Inside the repository, so the baseline page resolves react and urql from its node_modules.
const cache = join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'web-size-'));
try {
  const baselineRoot = join(work, 'baseline');
  mkdirSync(join(baselineRoot, 'src'), { recursive: true });
  writeFileSync(join(baselineRoot, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>\n');
  writeFileSync(join(baselineRoot, 'src', 'main.tsx'), BASELINE_PAGE);

  const tracker = await built(TRACKER_ROOT, join(work, 'tracker-dist'));
  const baseline = await built(baselineRoot, join(work, 'baseline-dist'));
  const added = tracker.gzip - baseline.gzip;

  const columns = { raw: 'JS minified', gzip: 'JS gzip', brotli: 'JS brotli', firstLoad: 'first load (br)' } as const;
  const row = (build: string, size: (column: keyof Size) => string): Row => ({ build, ...Object.fromEntries(Object.entries(columns).map(([column, title]) => [title, size(column as keyof Size)])) });
  report('web-size', [
    row('tracker', (column) => kB(tracker[column])),
    row('baseline (React + urql)', (column) => kB(baseline[column])),
    row('difference', (column) => signed(tracker[column] - baseline[column])),
  ], [`budget for the tracker's own code: ${kB(BUDGET_BYTES)} gzip; used ${kB(added)} (${Math.round((100 * added) / BUDGET_BYTES)}%)`]);
  if (added > BUDGET_BYTES) {
    console.error('over budget: the tracker grew; look for a new dependency or a large module');
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
