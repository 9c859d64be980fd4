// Expected failures of changing an order (see server/errors.ts for the ones every part shares).
import type { OrderStatus } from '../../shared/lifecycle.ts';
import { OrderlineError } from '../errors.ts';

export class InvalidTransitionError extends OrderlineError {
  override name = 'InvalidTransitionError';
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly orderNumber: number,
    readonly from: OrderStatus,
    /** Null when the order was asked to move on and has nowhere to go. */
    readonly to: OrderStatus | null,
    reason: string,
    /** What was asked when it was not a status, e.g. "be recalled". */
    action = 'move on',
  ) {
    super(to ? `order ${orderNumber} cannot go from ${from} to ${to}: ${reason}` : `order ${orderNumber} cannot ${action}: ${reason}`);
  }
}

export class RecallWindowError extends OrderlineError {
  override name = 'RecallWindowError';
  readonly code = 'RECALL_WINDOW_PASSED';
  constructor(
    readonly orderNumber: number,
    reason: string,
  ) {
    super(`order ${orderNumber} cannot be recalled: ${reason}`);
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
