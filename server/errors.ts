// Expected failures anywhere in the server: each has a stable `code`; the GraphQL layer exposes
// them as typed errors in result unions, the CLI maps them to exit codes. Failures that belong to
// one part (an invalid transition) live beside it and extend OrderlineError.

export abstract class OrderlineError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends OrderlineError {
  override name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
}

export interface FieldProblem {
  /** Where the problem is, as a path into the input: `items.0.quantity`. */
  path: string;
  message: string;
}

export class ValidationError extends OrderlineError {
  override name = 'ValidationError';
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
  }
}
