// Runs once per `npm test`, before any test file: says once, not per file, what will not run here,
// and builds the web tracker once for every test that serves it (the browser tests, the HTTP
// checks of its compression), rather than each file racing to build it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-web.ts', import.meta.url));

export default async function setup(): Promise<void> {
  if (!process.env.ORDERLINE_TEST_POSTGRES_URL) {
    console.info('skipping the PostgreSQL runs of the integration suite: ORDERLINE_TEST_POSTGRES_URL is not set');
  }
  // `npm run build:web`'s script in its own process: Vitest sets NODE_ENV=test, which would make
  // Vite bundle React's development build instead of the one customers get.
  await promisify(execFile)(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, '--if-stale'], { env: { ...process.env, NODE_ENV: 'production' } });
}
