// Who is on the other end of a request, for the limits kept per address. Behind a reverse proxy
// (--trust-proxy) every request comes from the proxy, which appends the client it saw to
// X-Forwarded-For; only that last entry is trusted, since a client can write the earlier ones.
import type { IncomingMessage } from 'node:http';

export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  return lastForwarded(request.headers['x-forwarded-for']) ?? peer;
}

/** The entry a proxy appended to an X-Forwarded-* header (the last one; a client can write the others). */
export function lastForwarded(header: string | string[] | undefined): string | undefined {
  return [header].flat().join(',').split(',').map((entry) => entry.trim()).filter(Boolean).at(-1);
}
