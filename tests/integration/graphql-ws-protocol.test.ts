// The graphql-transport-ws protocol as server/http/graphql-ws-protocol.ts speaks it, frame by
// frame over a real socket: what each message is answered with, and each way a connection
// breaks the protocol closed with graphql-ws's own code and reason.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACE_ORDER, takeoutOrder } from '../support/operations.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

interface Frame {
  id?: string;
  type: string;
  payload?: unknown;
}

/** A raw socket with what it has received so far, and ways to wait for more or for its close. */
class Peer {
  readonly socket: WebSocket;
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #opened: Promise<void>;

  constructor(protocol = 'graphql-transport-ws') {
    this.socket = new WebSocket(server.wsUrl, protocol);
    this.socket.on('message', (data) => this.frames.push(JSON.parse((data as Buffer).toString()) as Frame));
    this.#opened = new Promise((resolve, reject) => this.socket.once('open', () => resolve()).once('error', reject));
    this.closed = new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  async send(...frames: (Frame | string)[]): Promise<void> {
    await this.#opened;
    for (const frame of frames) this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame received that matches, waiting for it. */
  async frame(matches: (frame: Frame) => boolean): Promise<Frame> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.frames.find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such frame among ${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async acknowledged(token: string | null = server.managerToken): Promise<void> {
    await this.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    await this.frame((frame) => frame.type === 'connection_ack');
  }
}

const EVENTS = 'subscription { orderEvents { kind order { number } } }';

async function placeOrder(): Promise<number> {
  const { data } = await server.gql<{ placeOrder: { order: { number: number } } }>(PLACE_ORDER, { input: takeoutOrder() });
  return data!.placeOrder.order.number;
}

describe('graphql-ws protocol', () => {
  it('answers connection_init with an ack, a ping with a pong carrying its payload, and ignores a pong', async () => {
    const peer = new Peer();
    await peer.acknowledged(null);
    await peer.send({ type: 'pong' }, { type: 'ping', payload: { at: 7 } });
    expect(await peer.frame((frame) => frame.type === 'pong')).toEqual({ type: 'pong', payload: { at: 7 } });
    expect(peer.frames.map((frame) => frame.type)).toEqual(['connection_ack', 'pong']);
    peer.socket.close();
  });

  it('answers a query with next and complete, and an invalid one with an error for its id', async () => {
    const peer = new Peer();
    await peer.acknowledged(null);
    await peer.send({ id: 'q', type: 'subscribe', payload: { query: '{ restaurant { name } }' } }, { id: 'bad', type: 'subscribe', payload: { query: '{ nope }' } });
    expect(await peer.frame((frame) => frame.id === 'bad')).toMatchObject({ type: 'error', payload: [{ message: expect.stringMatching(/nope/) }] });
    await peer.frame((frame) => frame.id === 'q' && frame.type === 'complete');
    expect(peer.frames.filter((frame) => frame.id === 'q')).toEqual([
      { id: 'q', type: 'next', payload: { data: { restaurant: { name: 'Orderline' } } } },
      { id: 'q', type: 'complete' },
    ]);
    peer.socket.close();
  });

  it('stops delivering an operation the client completes, while its other operations go on', async () => {
    const peer = new Peer();
    await peer.acknowledged();
    await peer.send({ id: 'a', type: 'subscribe', payload: { query: EVENTS } }, { id: 'b', type: 'subscribe', payload: { query: EVENTS } });
    const first = await placeOrder();
    await peer.frame((frame) => frame.id === 'a' && frame.type === 'next');
    await peer.frame((frame) => frame.id === 'b' && frame.type === 'next');
    await peer.send({ id: 'a', type: 'complete' });
    const second = await placeOrder();
    await peer.frame((frame) => frame.id === 'b' && (frame.payload as { data: { orderEvents: { order: { number: number } } } }).data.orderEvents.order.number === second);
    const numbers = (id: string) => peer.frames.filter((frame) => frame.id === id).map((frame) => (frame.payload as { data: { orderEvents: { order: { number: number } } } }).data.orderEvents.order.number);
    expect(numbers('a')).toEqual([first]);
    expect(numbers('b')).toEqual([first, second]);
    // The id is free again once completed.
    await peer.send({ id: 'a', type: 'subscribe', payload: { query: '{ restaurant { name } }' } });
    await peer.frame((frame) => frame.id === 'a' && frame.type === 'complete');
    peer.socket.close();
  });

  it.each([
    { what: 'a second connection_init', code: 4429, reason: 'Too many initialisation requests', send: (peer: Peer) => peer.send({ type: 'connection_init' }, { type: 'connection_init' }) },
    { what: 'a subscribe before connection_init', code: 4401, reason: 'Unauthorized', send: (peer: Peer) => peer.send({ id: '1', type: 'subscribe', payload: { query: '{ menu { id } }' } }) },
    {
      what: 'a second operation with an id still running',
      code: 4409,
      reason: 'Subscriber for 1 already exists',
      send: async (peer: Peer) => {
        await peer.acknowledged();
        await peer.send({ id: '1', type: 'subscribe', payload: { query: EVENTS } }, { id: '1', type: 'subscribe', payload: { query: EVENTS } });
      },
    },
    { what: 'a message only a server sends', code: 4400, reason: 'Unexpected message of type next received', send: (peer: Peer) => peer.send({ type: 'connection_init' }, { id: '1', type: 'next', payload: {} }) },
    { what: 'a frame that is not JSON', code: 4400, reason: 'Invalid message received', send: (peer: Peer) => peer.send('{"type":') },
    { what: 'a subscribe without a query', code: 4400, reason: 'Invalid message received', send: (peer: Peer) => peer.send({ type: 'connection_init' }, { id: '1', type: 'subscribe', payload: {} }) },
  ])('closes a connection that sends $what with $code', async ({ send, code, reason }) => {
    const peer = new Peer();
    await send(peer);
    expect(await peer.closed).toEqual({ code, reason });
  });

  it('closes a connection that does not speak graphql-transport-ws with 4406', async () => {
    const peer = new Peer('graphql-ws');
    expect(await peer.closed).toEqual({ code: 4406, reason: 'Subprotocol not acceptable' });
  });

  it('closes a connection that sends no connection_init within 3 s with 4408', async () => {
    const peer = new Peer();
    const opened = Date.now();
    expect(await peer.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(Date.now() - opened).toBeGreaterThanOrEqual(2_900);
  });
});
