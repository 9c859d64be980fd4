// The headers every response carries, so that a browser treats our pages and answers strictly:
// no framing (clickjacking), no sniffing a JSON answer into a script, no Referer leaking the
// tracking code in the page's URL, HTTPS only once reached over HTTPS, and a Content-Security-
// Policy that lets a page run only this server's own files.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { lastForwarded } from './client-address.ts';

/** JSON answers, /health and plain-text errors: nothing in them may load, run or be framed. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The web tracker's pages: their own scripts, styles and connections only (`connect-src 'self'`
 * covers the same-origin WebSocket too, CSP Level 3), data: images, and the inline styles of
 * index.html by their hashes.
 */
export function pagePolicy(styleHashes: readonly string[] = []): string {
  const styles = ["'self'", ...styleHashes.map((hash) => `'${hash}'`)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styles}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * GraphiQL (GET /graphql from a browser) is Yoga's page: inline scripts, blob: workers, and its
 * files from unpkg.com. It gets its own looser policy, with unpkg narrowed to the one package
 * Yoga loads; it still connects only to this server and cannot be framed or post elsewhere.
 */
export const GRAPHIQL_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline' blob: https://unpkg.com/@graphql-yoga/",
  "worker-src blob:",
  "style-src 'unsafe-inline' https://unpkg.com/@graphql-yoga/",
  "font-src data: https://unpkg.com/@graphql-yoga/",
  "img-src 'self' data: https://unpkg.com/@graphql-yoga/",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ONE_YEAR_SECONDS = 31_536_000;

/** Sets the headers common to every response; a page handler replaces the policy with its own. */
export function setSecurityHeaders(res: ServerResponse, options: { https: boolean; policy?: string }): void {
  res.setHeader('content-security-policy', options.policy ?? API_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  // Only over HTTPS: a browser ignores it on plain HTTP, and a server reached over plain HTTP
  // (localhost, a restaurant's LAN) must not tell browsers it will always have HTTPS.
  if (options.https) res.setHeader('strict-transport-security', `max-age=${ONE_YEAR_SECONDS}`);
}

/** Whether the client reached us over HTTPS: --public-url says so, or a trusted proxy does. */
export function servedOverHttps(req: IncomingMessage, options: { publicUrl?: string; trustProxy: boolean }): boolean {
  if (options.publicUrl?.startsWith('https:')) return true;
  if (!options.trustProxy) return false;
  return lastForwarded(req.headers['x-forwarded-proto']) === 'https';
}
