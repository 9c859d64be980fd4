// Typed union results (`... on Error`) turned into CliErrors with their exit codes.
import { CliError, EXIT } from '../errors.ts';

/** The exit code each typed error of the API stands for. */
const RESULT_EXIT: Record<string, number> = {
  NotFoundError: EXIT.notFound,
  InvalidTransitionError: EXIT.conflict,
  RecallWindowError: EXIT.conflict,
  VersionConflictError: EXIT.conflict,
  IdempotencyKeyReusedError: EXIT.conflict,
  ValidationError: EXIT.usage,
};

interface ErrorResult {
  __typename: string;
  message?: string;
  code?: string;
  problems?: { path: string; message: string }[];
}

/**
 * The result when it is the `success` member of its union, narrowed to it; any other member is
 * thrown as a CliError with the exit code of its error type and the server's code.
 */
export function expectSuccess<T extends { __typename: string }, N extends T['__typename']>(result: T, success: N): Extract<T, { __typename: N }> {
  if (result.__typename === success) return result as Extract<T, { __typename: N }>;
  const failure = result as ErrorResult;
  // A ValidationError's message already joins its problems on one line; several read better one a line.
  const problems = failure.problems ?? [];
  const message = problems.length > 1 ? `the server refused the input:${problems.map((p) => `\n  ${p.path}: ${p.message}`).join('')}` : failure.message;
  throw new CliError(message ?? `the server answered ${failure.__typename}, not ${success}`, RESULT_EXIT[failure.__typename] ?? EXIT.failure, failure.code);
}
