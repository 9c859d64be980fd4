// Every page and every answer tells the browser to be strict: a Content-Security-Policy (the
// tracker's own files only; nothing at all for JSON; GraphiQL its own), no sniffing, no Referer
// (the tracking code is in the URL), no framing, and HSTS only when reached over HTTPS.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { startServer, type StartOptions, type TestServer } from '../support/server.ts';

const cleanup = cleanupAfterEach();

async function server(options: StartOptions = {}): Promise<TestServer> {
  const started = await startServer(options);
  cleanup(() => started.stop());
  return started;
}

/** A CSP as a map of directive to its sources. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy).not.toBeNull();
  return new Map(policy!.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

function expectCommonHeaders(response: Response, what: string) {
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(directives(response.headers.get('content-security-policy')).get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(response.headers.get('strict-transport-security'), what).toBeNull();
}

const graphqlPost = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ menu { id } }' }) });

describe('security headers', () => {
  it('the tracker’s pages may run only their own scripts, styles and connections, and the inline shell styles by hash', async () => {
    const { url } = await server();
    const home = await fetch(url);
    const html = await home.text();
    for (const response of [home, await fetch(`${url}/track/ABCD-1234`), await fetch(`${url}/order`)]) {
      expectCommonHeaders(response, response.url);
      const policy = directives(response.headers.get('content-security-policy'));
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map(([, css]) => `'sha256-${createHash('sha256').update(css!).digest('base64')}'`);
      expect(styles.length).toBeGreaterThan(0);
      expect(policy.get('style-src')).toEqual(["'self'", ...styles]);
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const script = await fetch(`${url}${asset}`);
    expect(script.status).toBe(200);
    expectCommonHeaders(script, asset!);
    // A 304 carries them too.
    const again = await fetch(`${url}${asset}`, { headers: { 'if-none-match': script.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expectCommonHeaders(again, `${asset} (304)`);
  });

  it('JSON answers, /health and refusals allow nothing to load and cannot be framed', async () => {
    const { url } = await server();
    for (const response of [await graphqlPost(url), await fetch(`${url}/health`), await fetch(`${url}/graphql`, { method: 'POST', body: 'query=x' })]) {
      expectCommonHeaders(response, `${response.url} ${response.status}`);
      expect(directives(response.headers.get('content-security-policy')).get('default-src')).toEqual(["'none'"]);
    }
  });

  it('GraphiQL gets its own policy: Yoga’s inline scripts and unpkg files, connections to this server only', async () => {
    const { url } = await server();
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('https://unpkg.com/@graphql-yoga/graphiql@');
    expectCommonHeaders(page, 'GraphiQL');
    const policy = directives(page.headers.get('content-security-policy'));
    expect(policy.get('script-src')).toContain('https://unpkg.com/@graphql-yoga/');
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('HSTS only when reached over HTTPS: a https --public-url, or X-Forwarded-Proto from a trusted proxy', async () => {
    const plain = await server();
    expect((await graphqlPost(plain.url, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toBeNull();

    const proxied = await server({ settings: { trustProxy: true } });
    expect((await graphqlPost(proxied.url)).headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(proxied.url, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await graphqlPost(proxied.url, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toBe('max-age=31536000');

    const published = await server({ settings: { publicUrl: 'https://orders.example.com' } });
    expect((await fetch(`${published.url}/health`)).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
