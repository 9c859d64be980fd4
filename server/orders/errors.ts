// Expected failures of the order service. Each has a stable `code`; the GraphQL layer exposes them
// as typed errors in result unions, the CLI maps them to exit codes.
import type { OrderStatus } from '../domain/status.ts';

export abstract class OrderlineError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends OrderlineError {
  override name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
}

export class InvalidTransitionError extends OrderlineError {
  override name = 'InvalidTransitionError';
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly orderNumber: number,
    readonly from: OrderStatus,
    /** Null when the order was asked to move on and has nowhere to go. */
    readonly to: OrderStatus | null,
    reason: string,
  ) {
    super(to ? `order ${orderNumber} cannot go from ${from} to ${to}: ${reason}` : `order ${orderNumber} cannot move on: ${reason}`);
  }
}

export class VersionConflictError extends OrderlineError {
  override name = 'VersionConflictError';
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly orderNumber: number,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    readonly currentStatus: OrderStatus,
  ) {
    super(
      `order ${orderNumber} changed since you loaded it (you had version ${expectedVersion}, it is now version ${actualVersion}, ${currentStatus}); reload it and try again`,
    );
  }
}

export class IdempotencyKeyReusedError extends OrderlineError {
  override name = 'IdempotencyKeyReusedError';
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly key: string) {
    super(`idempotency key "${key}" was already used for a different request; use a new key for a new change`);
  }
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
