// Typed union results (`... on Error`) turned into CliErrors with their exit codes.
import { CliError, EXIT } from '../errors.ts';

/** The exit code each typed error of the API stands for. */
const RESULT_EXIT: Record<string, number> = {
  NotFoundError: EXIT.notFound,
  InvalidTransitionError: EXIT.conflict,
  VersionConflictError: EXIT.conflict,
  IdempotencyKeyReusedError: EXIT.conflict,
  ValidationError: EXIT.usage,
};

/** Returns a success result; throws an error result as a CliError carrying the server's code. */
export function expectSuccess<T extends { __typename?: string }>(result: T): Exclude<T, { code: string }> {
  const failure = result as { __typename?: string; message?: string; code?: string; problems?: { path: string; message: string }[] };
  if (failure.code === undefined || failure.__typename === undefined) return result as Exclude<T, { code: string }>;
  // A ValidationError's message already joins its problems on one line; several read better one a line.
  const problems = failure.problems ?? [];
  const message = problems.length > 1 ? `the server refused the input:${problems.map((p) => `\n  ${p.path}: ${p.message}`).join('')}` : failure.message;
  throw new CliError(message ?? 'the server refused the change', RESULT_EXIT[failure.__typename] ?? EXIT.failure, failure.code);
}
