// Recognises "the database is not answering" among the errors a query can throw, so clients get a
// clear, retryable DATABASE_UNAVAILABLE instead of a masked internal error.

/** Prisma's codes for an unreachable or lost database, and a pool that waited too long. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Node's network errors and PostgreSQL's connection-exception and shutdown SQLSTATEs. */
const DRIVER_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const MESSAGES = /Connection terminated|Connection refused|timeout exceeded when trying to connect|Can't reach database server|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (PRISMA_CODES.has(code) || DRIVER_CODES.has(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}
