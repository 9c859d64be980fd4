// graphql-ws's protocol (its makeServer) on the `ws` server: what graphql-ws's own `ws` adapter
// (useServer, which its documentation offers as a starter to copy and adjust) does, lighter per
// connection, since a process holds thousands of them.
import type { IncomingMessage } from 'node:http';
import { CloseCode, makeServer, type ServerOptions } from 'graphql-ws';
import type { Logger } from 'pino';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { nextTurn, SOCKETS_PER_TURN } from '../event-loop.ts';

/** What an operation sees of its connection: the socket, and what the upgrade request said. */
export interface Connection {
  socket: WebSocket;
  /** The client's address (client-address.ts). */
  address: string;
  /** The origin the client reached this server at. */
  origin: string;
}

/** The message types only a server sends (graphql-transport-ws protocol). */
const SERVER_ONLY = new Set(['connection_ack', 'next', 'error']);

/**
 * graphql-ws's protocol (makeServer) on the `ws` server, as graphql-ws's own `ws` adapter
 * (useServer) runs it, but lighter per connection, thousands of times over: one keep-alive timer
 * for every socket instead of an interval, a timeout and a pong listener per socket, and the
 * upgrade request let go once read, where the adapter kept it for the connection's life. As
 * there, a socket is cut when it has not answered a ping one keep-alive later. `accept` takes each
 * new socket on and says what its upgrade request said.
 */
export function serveProtocol<Init extends Record<string, unknown>>(
  sockets: WebSocketServer,
  options: ServerOptions<Init, Connection>,
  keepAliveMs: number,
  accept: (socket: WebSocket, request: IncomingMessage) => Omit<Connection, 'socket'>,
  logger: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  const answered = new WeakSet<WebSocket>();
  // A ping costs about as much as any other frame: pinging thousands of sockets at once held
  // the event loop for half a second, so they are pinged a slice per turn, as changes are sent.
  const beat = async () => {
    let pinged = 0;
    for (const socket of [...sockets.clients]) {
      if (socket.readyState !== socket.OPEN) continue;
      if (!answered.delete(socket)) {
        socket.terminate();
        continue;
      }
      socket.ping();
      if (++pinged % SOCKETS_PER_TURN === 0) await nextTurn();
    }
  };
  const keepAlive = keepAliveMs > 0 && Number.isFinite(keepAliveMs) ? setInterval(() => void beat(), keepAliveMs) : undefined;
  sockets.on('connection', (socket, request) => {
    const connection = { socket, ...accept(socket, request) };
    answered.add(socket);
    socket.on('pong', () => answered.add(socket));
    // ws emits an error only for a frame that breaks the protocol or the size limit, and has
    // already closed the socket with the fitting code (1009, 1002, 1007): nothing more to do.
    socket.on('error', (error) => logger.debug({ err: error }, 'a live connection sent a frame it may not; closed'));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            const text = textOf(data);
            // A message only a server may send breaks the protocol: 4400, as any other malformed
            // one. graphql-ws throws on it instead, which would be an internal error (4500).
            const type = messageType(text);
            if (type !== undefined && SERVER_ONLY.has(type)) return void socket.close(CloseCode.BadRequest, `Unexpected message of type ${type} received`);
            handle(text).catch((error: unknown) => {
              logger.error({ err: error }, 'a live connection’s message could not be handled');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      connection,
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });
  return {
    async dispose() {
      clearInterval(keepAlive);
      for (const socket of sockets.clients) socket.close(1001, 'Going away');
      await new Promise<void>((resolve, reject) => sockets.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A message's text, whichever form `ws` hands it in (one buffer, fragments, an ArrayBuffer). */
function textOf(data: RawData): string {
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString();
}

function messageType(text: string): string | undefined {
  try {
    const message: unknown = JSON.parse(text);
    return typeof message === 'object' && message !== null && 'type' in message && typeof message.type === 'string' ? message.type : undefined;
  } catch {
    return undefined;
  }
}
