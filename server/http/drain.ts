// Stopping without cutting off requests that already arrived.
//
// A keep-alive connection between two requests looks idle to the server even when the client has
// already sent its next request on it: the bytes are on their way or in the socket's buffer, not
// yet read. Closing such a connection (as http.Server's close() and closeIdleConnections() do the
// moment a response ends) resets that request. So once stopping, every response says
// `Connection: close` and its connection ends after it, a client's next request opens a new
// connection and is refused (which clients retry elsewhere), a connection is closed only after it
// has been idle for a grace period, and only what still runs at the deadline is cut off.
import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** How long a stop lets in-flight HTTP requests finish before cutting them off. */
const DRAIN_MS = 10_000;
/**
 * How long a connection must have been idle, since the stop began, before it is closed: longer
 * than a request already sent takes to arrive (a network's one-way trip) and than a client takes
 * to send its next request after a response; short, as every stop waits this long for a client
 * that keeps an idle connection open.
 */
const IDLE_GRACE_MS = 500;
const CHECK_MS = 25;

interface Connection {
  /** Requests on it not yet answered. */
  active: number;
  /** When it last had no request (its start, or its last response's end). */
  idleSince: number;
}

export interface Connections {
  /** Stops accepting at once, lets what arrived finish, and resolves when every connection is closed. */
  drain(): Promise<void>;
}

/** Tracks the server's connections from now on, so a stop can drain them. */
export function trackConnections(server: Server): Connections {
  const connections = new Map<Socket, Connection>();
  let stopping = false;
  // The same listener on every socket (each closes once): thousands of live connections would
  // otherwise hold a closure and a once-wrapper each.
  function forget(this: Socket): void {
    connections.delete(this);
  }
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { active: 0, idleSince: Date.now() });
    socket.on('close', forget);
  });
  server.prependListener('request', (req, res) => {
    const connection = connections.get(req.socket);
    if (stopping) res.setHeader('connection', 'close');
    if (!connection) return;
    connection.active += 1;
    res.once('close', () => {
      connection.active -= 1;
      connection.idleSince = Date.now();
    });
  });

  return {
    async drain() {
      stopping = true;
      const since = Date.now();
      // Stop listening only: http.Server's close() would also close idle keep-alive connections
      // at once, racing with requests already sent on them.
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      const deadline = since + DRAIN_MS;
      while (connections.size > 0 && Date.now() < deadline) {
        const now = Date.now();
        for (const [socket, { active, idleSince }] of connections) {
          if (active === 0 && now - Math.max(idleSince, since) >= IDLE_GRACE_MS) socket.destroy();
        }
        await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
      }
      for (const socket of connections.keys()) socket.destroy();
      await closed;
      // Now that no connection is left, http.Server's own close() only clears what it keeps
      // running (its connection-checking timer), which closing the listener alone leaves behind.
      server.close();
    },
  };
}
