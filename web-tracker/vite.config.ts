// Builds the customer web tracker into web-tracker/dist, which the API server serves from its own
// port (server/http/static-web.ts): assets under /assets/ get long caching, every other path gets
// index.html. Every text file is also written brotli- and gzip-compressed beside itself
// (precompress.ts) for the server to send. `buildSettings` is shared with bench/web-size.bench.ts
// so its baseline page is built exactly like the tracker.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { precompress } from './precompress.ts';

export const TRACKER_ROOT = fileURLToPath(new URL('.', import.meta.url));

export function buildSettings(root: string, outDir: string): UserConfig {
  return {
    root,
    base: '/',
    // The tracker is static files; it reads nothing from the environment.
    envDir: false,
    // public/ holds the service worker, served from the root so its scope is the whole site.
    publicDir: 'public',
    plugins: [react(), precompress()],
    // One bundle and no lazy chunks, so nothing to preload: no module-preload polyfill either.
    build: { outDir, emptyOutDir: true, assetsDir: 'assets', sourcemap: false, modulePreload: false },
    // The API and the page share an origin in production; in `vite dev` send /graphql (HTTP and
    // WebSocket) to a local `npm start`.
    server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
  };
}

export default defineConfig(buildSettings(TRACKER_ROOT, `${TRACKER_ROOT}dist`));
