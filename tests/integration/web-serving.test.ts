// The built web tracker as a real server sends it over real HTTP: precompressed brotli or gzip by
// Accept-Encoding (Vary says so), the plain file otherwise, index.html for client-routed paths,
// caching and revalidation, and the JavaScript within its budget. Raw node:http, because fetch
// would decompress and hide what went over the wire.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { MIN_BYTES } from '../../web-tracker/precompress.ts';

const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-web.ts', import.meta.url));
/** The README's promise: the tracker's JavaScript costs a phone under 80 kB, as sent (brotli). */
const JS_BUDGET_BROTLI = 80 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describe('the web tracker over HTTP', () => {
  let dist: string;
  let server: TestServer;
  let files: string[];

  beforeAll(async () => {
    // Into a folder of its own, so no other test's build or server sees a half-written dist; in
    // its own process with NODE_ENV=production (Vitest's NODE_ENV=test would bundle React's
    // development build).
    dist = mkdtempSync(join(tmpdir(), 'orderline-web-'));
    await promisify(execFile)(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, '--out-dir', dist], { env: { ...process.env, NODE_ENV: 'production' } });
    server = await startServer({ webDist: dist });
    files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).map((file) => `/${file}`);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const sent = request(`${server.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      sent.on('error', reject).end();
    });
  }

  const onDisk = (file: string) => readFileSync(join(dist, file));
  const built = (pattern: RegExp) => files.filter((file) => pattern.test(file));
  /** What the build compresses: text files big enough to gain (the service worker is not). */
  const compressible = () => built(/\.(html|js|css)$/).filter((file) => onDisk(file).length >= MIN_BYTES);

  it('builds a .br and a .gz beside the page, its script and its stylesheet', () => {
    const sources = compressible();
    expect(sources).toEqual(expect.arrayContaining(['/index.html', expect.stringMatching(/\.js$/), expect.stringMatching(/\.css$/)]));
    for (const file of sources) {
      expect(files, file).toEqual(expect.arrayContaining([`${file}.br`, `${file}.gz`]));
      expect(onDisk(`${file}.br`).length).toBeLessThan(onDisk(`${file}.gz`).length);
      expect(onDisk(`${file}.gz`).length).toBeLessThan(onDisk(file).length);
    }
  });

  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
  ])('sends Accept-Encoding: %s the %s copy, which decompresses to the very file', async (accept, encoding, decompress) => {
    for (const file of compressible()) {
      const reply = await get(file, { 'accept-encoding': accept });
      expect(reply.status, file).toBe(200);
      expect(reply.headers['content-encoding'], file).toBe(encoding);
      expect(reply.headers.vary?.toLowerCase(), file).toContain('accept-encoding');
      expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
      expect(reply.body.length, file).toBeLessThan(onDisk(file).length);
      expect(decompress(reply.body).equals(onDisk(file)), file).toBe(true);
    }
  });

  it('sends the plain file, with its type, to a client that accepts no encoding', async () => {
    for (const [accept, file] of [[undefined, '/index.html'], ['identity', built(/^\/assets\/.*\.js$/)[0]!], [undefined, built(/^\/assets\/.*\.css$/)[0]!]] as const) {
      const reply = await get(file, accept ? { 'accept-encoding': accept } : {});
      expect(reply.headers['content-encoding'], file).toBeUndefined();
      expect(reply.headers.vary?.toLowerCase(), file).toContain('accept-encoding');
      expect(reply.body.equals(onDisk(file)), file).toBe(true);
    }
    expect((await get('/', { 'accept-encoding': 'br' })).headers['content-type']).toBe('text/html;charset=utf-8');
    expect((await get(built(/^\/assets\/.*\.js$/)[0]!, { 'accept-encoding': 'br' })).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await get(built(/^\/assets\/.*\.css$/)[0]!, { 'accept-encoding': 'gzip' })).headers['content-type']).toMatch(/^text\/css/);
  });

  it('sends index.html, compressed, for a client-routed path such as a tracking page', async () => {
    const page = onDisk('/index.html');
    for (const path of ['/', '/track/7k3m9q2xab4cd5ef6gh8', '/order', '/board']) {
      const reply = await get(path, { 'accept-encoding': 'br' });
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-encoding'], path).toBe('br');
      expect(reply.headers['cache-control'], path).toBe('no-cache');
      expect(brotliDecompressSync(reply.body).equals(page), path).toBe(true);
    }
    const plain = await get('/track/7k3m9q2xab4cd5ef6gh8');
    expect(plain.body.equals(page)).toBe(true);
    expect(plain.body.toString()).toContain('Loading…');
  });

  it('lets a browser keep hashed assets for a year, and nothing it might ask for that is not there', async () => {
    for (const file of built(/^\/assets\/.*\.(js|css)$/)) {
      for (const accept of ['br', 'gzip', 'identity']) expect((await get(file, { 'accept-encoding': accept })).headers['cache-control']).toBe(IMMUTABLE);
    }
    const missing = await get('/assets/index-0ld.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-cache');
  });

  it('revalidates index.html with its ETag: 304 with nothing in it, per encoding', async () => {
    const first = await get('/track/abc', { 'accept-encoding': 'br' });
    const tag = first.headers.etag!;
    expect(tag).toBeTruthy();
    const again = await get('/track/abc', { 'accept-encoding': 'br', 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect(again.headers.vary?.toLowerCase()).toContain('accept-encoding');
    // The plain page is another representation with its own tag: the brotli one's does not match it.
    const plain = await get('/track/abc', { 'if-none-match': tag });
    expect(plain.status).toBe(200);
    expect(plain.headers.etag).not.toBe(tag);
    expect(plain.body.equals(onDisk('/index.html'))).toBe(true);
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    for (const file of ['/track/abc', built(/^\/assets\/.*\.js$/)[0]!]) {
      const head = await get(file, { 'accept-encoding': 'br' }, 'HEAD');
      const body = await get(file, { 'accept-encoding': 'br' });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-encoding', 'content-length', 'content-type', 'etag', 'cache-control', 'vary']) expect(head.headers[name], name).toBe(body.headers[name]);
    }
  });

  it(`keeps the tracker's JavaScript under ${JS_BUDGET_BROTLI / 1024} kB as sent (brotli)`, async () => {
    let sent = 0;
    for (const file of built(/^\/assets\/.*\.js$/)) sent += (await get(file, { 'accept-encoding': 'br' })).body.length;
    expect(sent).toBeGreaterThan(10_000);
    expect(sent).toBeLessThan(JS_BUDGET_BROTLI);
  });
});
