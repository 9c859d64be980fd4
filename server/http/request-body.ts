// Reads an HTTP request's body up to a size, so that one client cannot make the server hold an
// arbitrarily large document in memory: a declared Content-Length over it is refused before a
// byte is read, and a chunked body is refused as soon as it passes it.
import type { IncomingMessage } from 'node:http';

/**
 * The body, or `undefined` when it is larger than `maxBytes`. Then the rest is left unread: the
 * caller answers 413 and closes the connection (not destroying the request here, which would
 * reset the socket before the client could read the answer).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', reject);
      req.pause();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}
