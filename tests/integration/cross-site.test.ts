// A page on another site cannot use a visitor's browser to place orders: a form post is refused
// as not JSON, a foreign or `null` Origin is refused outright, CORS answers only the origins the
// server allows, and a body over the request-bytes limit is refused before it is parsed.
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.ts';
import { startServer, type StartOptions, type TestServer } from '../support/server.ts';

const cleanup = cleanupAfterEach();

async function server(options: StartOptions = {}): Promise<TestServer> {
  const started = await startServer(options);
  cleanup(() => started.stop());
  return started;
}

const PLACE_QUERY = `mutation { placeOrder(input: { customerName: "Mallory", type: TAKEOUT, items: [{ menuItemId: "cola", quantity: 1 }] }) { __typename } }`;

async function ordersPlaced(gql: TestServer['gql']): Promise<number> {
  const result = await gql<{ orders: { edges: unknown[] } }>('{ orders(first: 100) { edges { cursor } } }');
  return result.data!.orders.edges.length;
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
  return body.errors[0]!;
}

describe('cross-site requests', () => {
  it('a form on any site cannot place an order: url-encoded and multipart posts are refused with 415', async () => {
    const { url, gql } = await server();
    const urlEncoded = await fetch(`${url}/graphql`, { method: 'POST', body: new URLSearchParams({ query: PLACE_QUERY }) });
    expect(urlEncoded.status).toBe(415);
    expect(await errorOf(urlEncoded)).toEqual({
      message: 'a POST to /graphql must be JSON (Content-Type: application/json), not application/x-www-form-urlencoded',
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });

    const form = new FormData();
    form.set('operations', JSON.stringify({ query: PLACE_QUERY }));
    const multipart = await fetch(`${url}/graphql`, { method: 'POST', body: form });
    expect(multipart.status).toBe(415);
    expect((await errorOf(multipart)).message).toContain('not multipart/form-data');

    const plain = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: PLACE_QUERY }) });
    expect(plain.status).toBe(415);
    expect(await ordersPlaced(gql)).toBe(0);
  });

  it('JSON is accepted, with or without a charset, answered in either GraphQL-over-HTTP media type', async () => {
    const { url } = await server();
    for (const [type, accept] of [['application/json', 'application/json'], ['application/json; charset=utf-8', 'application/graphql-response+json']]) {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': type!, accept: accept! }, body: JSON.stringify({ query: PLACE_QUERY }) });
      expect(response.status, type).toBe(200);
      expect(response.headers.get('content-type')).toContain(accept);
    }
  });

  it('a preflight from a foreign site gets no CORS permission, and its requests are refused', async () => {
    const { url, gql } = await server();
    const preflight = await fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    for (const origin of ['https://evil.example', 'null']) {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: PLACE_QUERY }) });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(await errorOf(response)).toMatchObject({ extensions: { code: 'ORIGIN_NOT_ALLOWED' }, message: expect.stringContaining(`requests from pages on ${origin} are not allowed`) });
    }
    expect(await ordersPlaced(gql)).toBe(0);
  });

  it('an origin given with --allow-origin, and the server’s own, may call it, without credentials', async () => {
    const { url } = await server({ settings: { allowedOrigins: 'https://orders.example.com' } });
    const preflight = await fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://orders.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://orders.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    for (const origin of ['https://orders.example.com', url]) {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: PLACE_QUERY }) });
      expect(response.status, origin).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('vary')).toContain('Origin');
    }
  });

  it('a body over the request-bytes limit is refused with 413, declared or streamed', async () => {
    const { url } = await server({ settings: { limits: 'request-bytes=2048' } });
    const big = JSON.stringify({ query: `{ menu { id } }`, variables: { padding: 'x'.repeat(4_000) } });
    const declared = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toEqual({
      message: 'the request body is over 2048 bytes; send a smaller operation, or raise the limit with --limit request-bytes=<bytes>',
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });

    const streamed = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const small = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ menu { id } }' }) });
    expect(small.status).toBe(200);
  });

  it('a client that sends half a body and goes away fails only its own request, never the process', async () => {
    const { url, port } = await server();
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    cleanup(() => void process.off('unhandledRejection', note));
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('subscriptions are not served over HTTP (server-sent events), where the live limits are not kept', async () => {
    const { url } = await server();
    for (const accept of ['text/event-stream', 'application/json']) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query: 'subscription { pickupBoardUpdated { ready { number } } }' }),
        signal: AbortSignal.timeout(5_000),
      });
      const text = await response.text();
      expect(text, accept).toContain('subscriptions are served over graphql-ws (a WebSocket to /graphql), not over HTTP');
      expect(text, accept).not.toContain('"ready"');
    }
  });
});
