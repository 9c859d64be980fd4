// What the tracker asks the server about one order: the same fields by HTTP for the first paint
// and over graphql-ws for every change after it.
import { graphql, type ResultOf } from '../../../shared/graphql.ts';

export const TrackedOrderFields = graphql(`
  fragment TrackedOrder on Order @_unmask {
    trackingCode
    number
    version
    status
    type
    customerName
    address
    table
    items {
      id
      name
      quantity
      modifiers
      notes
      unitPriceCents
    }
    totalCents
    placedAt
    cancelledAt
    cancelReason
    readyAt
    completedAt
    promisedAt
    estimatedReadyAt
    minutesLate
    late
    steps {
      status
      state
      reachedAt
    }
  }
`);

export type TrackedOrder = ResultOf<typeof TrackedOrderFields>;
export type OrderStatus = TrackedOrder['status'];
export type OrderType = TrackedOrder['type'];

export const OrderByCodeQuery = graphql(
  `
    query OrderByCode($code: String!) {
      orderByTrackingCode(code: $code) {
        ...TrackedOrder
      }
    }
  `,
  [TrackedOrderFields],
);

export const OrderUpdatedSubscription = graphql(
  `
    subscription OrderUpdated($trackingCode: String!) {
      orderUpdated(trackingCode: $trackingCode) {
        ...TrackedOrder
      }
    }
  `,
  [TrackedOrderFields],
);
