// Stopping without cutting off requests that already arrived: wait for those in flight, closing
// connections as they go idle, up to a deadline.
import type { Server, ServerResponse } from 'node:http';

/** How long a stop lets in-flight HTTP requests finish before cutting them off. */
export const DRAIN_MS = 10_000;

/** Every response not yet finished, so a stop knows what it is waiting for. */
export function trackInFlight(server: Server): Set<ServerResponse> {
  const inFlight = new Set<ServerResponse>();
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  return inFlight;
}

/** Waits for in-flight requests, closing connections as they go idle, up to DRAIN_MS. */
export async function drain(server: Server, inFlight: Set<ServerResponse>, closed: Promise<void>): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  while (inFlight.size > 0 && Date.now() < deadline) {
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  server.closeAllConnections();
  await closed;
}
