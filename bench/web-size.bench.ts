// How much the web tracker costs a customer's phone: the gzip size of its built JavaScript, against
// a minimal React + urql page built by Vite with the same settings in the same run. The difference
// is what the tracker itself adds (its pages, graphql-ws, the typed documents).
//   npm run bench -- web-size
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { buildSettings, TRACKER_ROOT } from '../web-tracker/vite.config.ts';

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
}

async function builtJs(root: string, outDir: string): Promise<Size> {
  await build({ ...buildSettings(root, outDir), configFile: false, mode: 'production', logLevel: 'error' });
  const assets = join(outDir, 'assets');
  const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
  if (!files.length) throw new Error(`no JavaScript was built into ${assets}`);
  return files.reduce(
    (sum, file) => {
      const code = readFileSync(join(assets, file));
      return { raw: sum.raw + code.length, gzip: sum.gzip + gzipSync(code, { level: 9 }).length };
    },
    { raw: 0, gzip: 0 },
  );
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

  const tracker = await builtJs(TRACKER_ROOT, join(work, 'tracker-dist'));
  const baseline = await builtJs(baselineRoot, join(work, 'baseline-dist'));
  const added = tracker.gzip - baseline.gzip;

  const rows = [
    ['', 'JS minified', 'JS gzip'],
    ['tracker', kB(tracker.raw), kB(tracker.gzip)],
    ['baseline (React + urql)', kB(baseline.raw), kB(baseline.gzip)],
    ['difference', signed(tracker.raw - baseline.raw), signed(added)],
  ];
  for (const [name, raw, gzip] of rows) console.log(`${name!.padEnd(24)} ${raw!.padStart(12)} ${gzip!.padStart(10)}`);
  console.log(`budget for the tracker's own code: ${kB(BUDGET_BYTES)} gzip; used ${kB(added)} (${Math.round((100 * added) / BUDGET_BYTES)}%)`);
  if (added > BUDGET_BYTES) {
    console.error('over budget: the tracker grew; look for a new dependency or a large module');
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
