// Expected failures as GraphQL types: every one implements `Error` with a message for people and
// a stable code for programs, and adds the details a client needs to recover.
import { NotFoundError, OrderlineError, ValidationError } from '../../errors.ts';
import { IdempotencyKeyReusedError, InvalidTransitionError, RecallWindowError, VersionConflictError } from '../../orders/errors.ts';
import { builder } from '../builder.ts';
import { OrderStatusEnum } from './enums.ts';

export const ErrorInterface = builder.interfaceRef<OrderlineError>('Error').implement({
  description: 'An expected failure. `code` is stable; `message` says what happened and what to do.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidTransitionError,
  fields: (t) => ({
    orderNumber: t.exposeInt('orderNumber'),
    from: t.expose('from', { type: OrderStatusEnum }),
    to: t.expose('to', { type: OrderStatusEnum, nullable: true, description: 'Null when the order was asked to move on and has no next step.' }),
  }),
});

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof VersionConflictError,
  fields: (t) => ({
    orderNumber: t.exposeInt('orderNumber'),
    expectedVersion: t.exposeInt('expectedVersion'),
    actualVersion: t.exposeInt('actualVersion'),
    currentStatus: t.expose('currentStatus', { type: OrderStatusEnum }),
  }),
});

builder.objectType(IdempotencyKeyReusedError, {
  name: 'IdempotencyKeyReusedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof IdempotencyKeyReusedError,
  fields: (t) => ({ key: t.exposeString('key') }),
});

builder.objectType(RecallWindowError, {
  name: 'RecallWindowError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RecallWindowError,
  description: 'The bump is older than the recall window (`kitchenSettings.recallMinutes`).',
  fields: (t) => ({ orderNumber: t.exposeInt('orderNumber') }),
});

const FieldProblem = builder
  .objectRef<{ path: string; message: string }>('FieldProblem')
  .implement({
    description: 'One invalid field: `path` points into the input, e.g. `items.0.quantity`.',
    fields: (t) => ({ path: t.exposeString('path'), message: t.exposeString('message') }),
  });

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({ problems: t.field({ type: [FieldProblem], resolve: (error) => error.problems }) }),
});

/** The failures any change to an existing order can meet. */
export const CHANGE_ERRORS = [
  NotFoundError,
  InvalidTransitionError,
  VersionConflictError,
  IdempotencyKeyReusedError,
  ValidationError,
];
