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
    estimatedArrivalAt
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

/** The customer's other orders, by the key this browser keeps: enough to list and link them. */
const CustomerOrderFields = graphql(`
  fragment CustomerOrder on Order @_unmask {
    trackingCode
    number
    status
    type
  }
`);

export type CustomerOrder = ResultOf<typeof CustomerOrderFields>;

export const CustomerOrdersSubscription = graphql(
  `
    subscription CustomerOrdersUpdated($customerKey: String!) {
      customerOrders(customerKey: $customerKey) {
        ...CustomerOrder
      }
    }
  `,
  [CustomerOrderFields],
);

export const RestaurantQuery = graphql(`
  query Restaurant {
    restaurant {
      name
      address
      phone
    }
  }
`);

export type Restaurant = ResultOf<typeof RestaurantQuery>['restaurant'];
