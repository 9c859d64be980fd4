// Serves the built customer web tracker (web-tracker/dist) from the same port as the API. Pages
// are client-routed, so unknown paths get index.html and the page shows its own "not found".
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { PROJECT_ROOT } from '../project-root.ts';
import { pagePolicy } from './security-headers.ts';

export const WEB_DIST = join(PROJECT_ROOT, 'web-tracker', 'dist');

/** Hashed file names change with their content, so a copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function webTracker(dist = WEB_DIST): Handler {
  if (!existsSync(join(dist, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The web tracker is not built. `npm start` builds it; or run `npm run build:web`.\n');
    };
  }
  // Each text file is built with a .br and a .gz beside it (web-tracker/precompress.ts); sirv sends
  // the one Accept-Encoding allows, with Content-Encoding and that file's own ETag, so a compressed
  // and a plain copy never share a tag. Index.html is also the fallback of client-routed paths.
  const serve = sirv(dist, { single: true, etag: true, brotli: true, gzip: true });
  const policy = pagePolicy(inlineStyleHashes(readFileSync(join(dist, 'index.html'), 'utf8')));
  return (req, res) => {
    res.setHeader('content-security-policy', policy);
    // Set before sirv runs, so that its 304s carry them too, as a 304 must (RFC 9110 §15.4.5);
    // sirv sets Vary itself only on a 200. Hashed assets never change; index.html is revalidated.
    res.setHeader('vary', 'Accept-Encoding');
    res.setHeader('cache-control', req.url?.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
    serve(req, res, () => {
      // A missing asset (an old page asking for a replaced file) must not be cached for a year.
      res.writeHead(404, { 'cache-control': 'no-cache' }).end();
    });
  };
}

/**
 * The CSP hashes of index.html's inline styles (the shell drawn before the script arrives), so
 * the policy can allow exactly those and no other inline style. Read from the build being served,
 * so a rebuilt page never needs the policy edited.
 */
function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style>([^<]*)<\/style>/g)].map(([, css]) => `sha256-${createHash('sha256').update(css!).digest('base64')}`);
}
