// Serves the built customer web tracker (web-tracker/dist) from the same port as the API. Pages
// are client-routed, so unknown paths get index.html and the page shows its own "not found".
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { PROJECT_ROOT } from '../project-root.ts';

export const WEB_DIST = join(PROJECT_ROOT, 'web-tracker', 'dist');

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function webTracker(dist = WEB_DIST): Handler {
  if (!existsSync(join(dist, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The web tracker is not built. `npm start` builds it; or run `npm run build:web`.\n');
    };
  }
  // Hashed assets may be cached for long; index.html must always be fresh.
  return sirv(dist, {
    single: true,
    etag: true,
    gzip: false,
    setHeaders(res, path) {
      res.setHeader('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
