// graphql-ws's protocol (its makeServer) on the `ws` server: what graphql-ws's own `ws` adapter
// (useServer, which its documentation offers as a starter to copy and adjust) does, lighter per
// connection, since a process holds thousands of them.
import type { IncomingMessage } from 'node:http';
import { CloseCode, makeServer, type ServerOptions } from 'graphql-ws';
import type { Logger } from 'pino';
import type { RawData, WebSocket, WebSocketServer } from 'ws';

/** What an operation sees of its connection: the socket, and what the upgrade request said. */
export interface Connection {
  socket: WebSocket;
  /** The client's address (client-address.ts). */
  address: string;
  /** The origin the client reached this server at. */
  origin: string;
}

/**
 * graphql-ws's protocol (makeServer) on the `ws` server, as graphql-ws's own `ws` adapter
 * (useServer) runs it, but lighter per connection, thousands of times over: one keep-alive timer
 * for every socket instead of an interval, a timeout and a pong listener per socket, and the
 * upgrade request let go once read, where the adapter kept it for the connection's life. As
 * there, a socket is cut when it has not answered a ping one keep-alive later.
 */
export function serveProtocol<Init extends Record<string, unknown>>(
  sockets: WebSocketServer,
  options: ServerOptions<Init, Connection>,
  keepAliveMs: number,
  describe: (request: IncomingMessage) => Omit<Connection, 'socket'>,
  logger: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  const answered = new WeakSet<WebSocket>();
  const keepAlive =
    keepAliveMs > 0 && Number.isFinite(keepAliveMs)
      ? setInterval(() => {
          for (const socket of sockets.clients) {
            if (socket.readyState !== socket.OPEN) continue;
            if (answered.delete(socket)) socket.ping();
            else socket.terminate();
          }
        }, keepAliveMs)
      : undefined;
  sockets.on('connection', (socket, request) => {
    answered.add(socket);
    socket.on('pong', () => answered.add(socket));
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
            handle(textOf(data)).catch((error: unknown) => {
              logger.error({ err: error }, 'a live connection’s message could not be handled');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, ...describe(request) },
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
export function textOf(data: RawData): string {
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString();
}
