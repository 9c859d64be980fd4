// Malformed input against a live server, as an attacker or a broken client would send it: random
// and mangled GraphQL documents, random bodies, random graphql-ws frames before and after
// connection_init, and oversized payloads. Every one must be answered the way its protocol says
// (a GraphQL error or a 4xx, a graphql-ws error message or close code), never an HTTP 500, an
// "Unexpected error." or a crashed socket; and a second client keeps being served meanwhile.
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';

/** How long the second client may wait for an answer while the fuzzing runs. */
const SERVED_WITHIN_MS = 2_000;

/** Documents our clients could send; the fuzzer mangles them. */
const VALID_DOCUMENTS = [
  '{ menu { id name priceCents } }',
  'query Track($code: String!) { orderByTrackingCode(code: $code) { number status items { name quantity } } }',
  'query { restaurant { name } }',
  '{ orders(first: 5, after: "1") { edges { node { number history { kind } } } } }',
  PLACE_ORDER,
  'subscription Track($code: String!) { orderUpdated(trackingCode: $code) { status } }',
];

/** A valid document with a slice cut out, a character put in, or a part repeated. */
const mangled = fc
  .record({ doc: fc.constantFrom(...VALID_DOCUMENTS), at: fc.nat(), length: fc.nat({ max: 40 }), insert: fc.string({ maxLength: 4 }), repeat: fc.nat({ max: 200 }) })
  .map(({ doc, at, length, insert, repeat }) => {
    const i = at % (doc.length + 1);
    const cut = doc.slice(0, i) + insert + doc.slice(i + length);
    return repeat > 150 ? cut.slice(0, i) + cut.slice(i, i + length).repeat(repeat) + cut.slice(i) : cut;
  });

/** Shapes that cost a naive server dearly: deep nesting, many aliases, nested fragments. */
const hostile = fc.oneof(
  fc.integer({ min: 50, max: 20_000 }).map((depth) => `${'{ menu '.repeat(depth)}${'}'.repeat(depth)}`),
  fc.integer({ min: 50, max: 5_000 }).map((count) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: menu { id }`).join(' ')} }`),
  fc.integer({ min: 50, max: 5_000 }).map((count) => {
    const fragments = Array.from({ length: count }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`).join('\n');
    return `{ ...F0 }\n${fragments}\nfragment F${count} on Query { menu { id } }`;
  }),
  fc.integer({ min: 2, max: 2_000 }).map((count) => `{ menu { id ${'@include(if: true) '.repeat(count)} } }`),
);

const document = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 200 }), mangled, hostile);

/** An HTTP body: a GraphQL request with odd parts, or something that is not one at all. */
const body = fc.oneof(
  document.map((query) => JSON.stringify({ query })),
  fc.record({ query: document, variables: fc.jsonValue(), operationName: fc.oneof(fc.string(), fc.jsonValue()) }).map((request) => JSON.stringify(request)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

/** The graphql-ws close codes a server may end a misbehaving connection with (and normal closes). */
const PROTOCOL_CLOSES = new Set([1000, 1001, 1008, 1009, 4400, 4401, 4403, 4408, 4409, 4429, 4499]);

const frame = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .record({
      type: fc.constantFrom('connection_init', 'subscribe', 'complete', 'ping', 'pong', 'next', 'error', 'connection_ack', 'nonsense'),
      id: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue()),
      payload: fc.oneof(fc.jsonValue(), document.map((query) => ({ query })), fc.record({ query: document, variables: fc.jsonValue() })),
    }, { requiredKeys: ['type'] })
    .map((message) => JSON.stringify(message)),
);

describe('fuzzing a live server', () => {
  let server: TestServer;
  let canary: Canary;

  beforeAll(async () => {
    server = await startServer();
    canary = watchCanary(server.url);
  });
  afterAll(async () => {
    await canary?.stop();
    await server?.stop();
  });

  it('answers malformed and hostile GraphQL over HTTP with GraphQL errors or a 4xx, never a 500 or "Unexpected error."', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: text,
        });
        const answer = await response.text();
        expect(response.status, answer.slice(0, 300)).toBeLessThan(500);
        expect(response.status, answer.slice(0, 300)).not.toBe(404);
        const result = JSON.parse(answer) as { data?: unknown; errors?: { message: string }[] };
        if (response.status !== 200) expect(result.errors?.length, answer.slice(0, 300)).toBeGreaterThan(0);
        for (const error of result.errors ?? []) {
          expect(typeof error.message).toBe('string');
          expect(error.message, 'an internal failure the input caused').not.toBe('Unexpected error.');
        }
      }),
      { numRuns: 300 },
    );
    expect(canary.slowest()).toBeLessThan(SERVED_WITHIN_MS);
  }, 120_000);

  it('answers malformed graphql-ws frames, before and after connection_init, with protocol errors and close codes, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(frame, { minLength: 1, maxLength: 6 }), async (initFirst, frames) => {
        const outcome = await exchange(server.wsUrl, initFirst, frames);
        if (outcome.closeCode !== undefined) expect(PROTOCOL_CLOSES, `closed with ${outcome.closeCode} ${outcome.closeReason}`).toContain(outcome.closeCode);
        for (const message of outcome.received) {
          expect(['connection_ack', 'next', 'error', 'complete', 'ping', 'pong']).toContain(message.type);
          expect(JSON.stringify(message.payload ?? null)).not.toContain('Unexpected error.');
        }
      }),
      { numRuns: 200 },
    );
    expect(canary.slowest()).toBeLessThan(SERVED_WITHIN_MS);
  }, 120_000);

  it('refuses an oversized HTTP body with 413 and an oversized graphql-ws frame with 1009, before connection_init too', async () => {
    const huge = JSON.stringify({ query: PLACE_ORDER, variables: { input: takeoutOrder({ notes: 'x'.repeat(2 * 1024 * 1024) }) } });
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(response.status).toBe(413);

    for (const initFirst of [false, true]) {
      const outcome = await exchange(server.wsUrl, initFirst, [JSON.stringify({ type: 'ping', payload: { pad: 'x'.repeat(200 * 1024) } })]);
      expect(outcome.closeCode).toBe(1009);
      expect(outcome.received.filter((message) => message.type === 'pong')).toEqual([]);
    }
    expect(canary.slowest()).toBeLessThan(SERVED_WITHIN_MS);
  });
});

interface Outcome {
  received: { type: string; payload?: unknown }[];
  closeCode?: number;
  closeReason?: string;
}

/** Sends the frames on a fresh connection (after a valid connection_init when asked), then collects what comes back for a moment. */
async function exchange(url: string, initFirst: boolean, frames: string[]): Promise<Outcome> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const outcome: Outcome = { received: [] };
  const closed = new Promise<void>((resolve) => {
    socket.on('close', (code, reason) => {
      outcome.closeCode = code;
      outcome.closeReason = reason.toString();
      resolve();
    });
    socket.on('error', () => undefined);
  });
  socket.on('message', (data: Buffer) => {
    const text = data.toString();
    try {
      outcome.received.push(JSON.parse(text) as Outcome['received'][number]);
    } catch {
      outcome.received.push({ type: `not JSON: ${text.slice(0, 60)}` });
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  if (initFirst) socket.send(JSON.stringify({ type: 'connection_init' }));
  for (const text of frames) if (socket.readyState === WebSocket.OPEN) socket.send(text);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 150))]);
  if (socket.readyState === WebSocket.OPEN) socket.close(1000);
  await closed;
  // Our own close is not the server's answer.
  if (outcome.closeCode === 1000 && outcome.closeReason === '') delete outcome.closeCode;
  return outcome;
}

interface Canary {
  /** The longest a request of the second client took so far, in ms; throws if one was not served. */
  slowest(): number;
  stop(): Promise<void>;
}

/** A well-behaved client asking for the menu over and over while the fuzzing runs. */
function watchCanary(url: string): Canary {
  let slowest = 0;
  let running = true;
  let failure: Error | undefined;
  const loop = (async () => {
    while (running && !failure) {
      const started = performance.now();
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ menu { id } }' }) });
      const result = (await response.json()) as { data?: { menu: unknown[] } };
      if (!result.data?.menu.length) failure = new Error(`the second client was not served: ${JSON.stringify(result)}`);
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    slowest: () => {
      if (failure) throw failure;
      return slowest;
    },
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
