// What clients are told about a failure. Expected failures pass as they are (typed results, or
// GraphQLErrors with a code); a database that is not answering becomes a retryable
// DATABASE_UNAVAILABLE (HTTP 503); anything else is logged with its stack and path and reaches
// clients only as "Unexpected error.".
import { GraphQLError, type ExecutionResult } from 'graphql';
import { maskError, type MaskError } from 'graphql-yoga';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

export function errorMasking(logger: Logger): { maskError: MaskError } {
  return {
    maskError(error, message, isDev) {
      const cause = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      const path = error instanceof GraphQLError ? error.path : undefined;
      if (isDatabaseUnavailable(cause)) {
        logger.warn({ err: cause, path }, 'the database is not answering');
        return new GraphQLError('the database is not answering; try again in a moment (changes sent with an idempotency key are safe to retry)', {
          ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
          extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } },
        });
      }
      const masked = maskError(error, message, isDev);
      if (masked !== error) logger.error({ err: cause, path }, 'unexpected error');
      return masked;
    },
  };
}

/** The masking as a function of a result: what live results go through once per group (shared-execution.ts), as Yoga does for each. */
export function maskingOf({ maskError: mask }: { maskError: MaskError }): (result: ExecutionResult) => ExecutionResult {
  return (result) => (result.errors ? { ...result, errors: result.errors.map((error) => mask(error, 'Unexpected error.', process.env.NODE_ENV === 'development') as GraphQLError) } : result);
}
