// GraphQL operations the tests share, written the way a client would.

export const ORDER_FIELDS = `
  id number status version trackingCode type customerName rush nextStatus
  items { name quantity station modifiers }
  promisedAt estimatedReadyAt minutesLate
`;

export const PLACE_ORDER = `
  mutation Place($input: PlaceOrderInput!, $key: String, $customerKey: String) {
    placeOrder(input: $input, idempotencyKey: $key, customerKey: $customerKey) {
      __typename
      ... on OrderChange { replayed order { ${ORDER_FIELDS} } event { id cursor kind } }
      ... on Error { message code }
      ... on ValidationError { problems { path message } }
    }
  }
`;

const CHANGE_RESULT = `
  __typename
  ... on OrderChange { replayed order { id number status version } event { id cursor kind fromStatus toStatus actor note } }
  ... on Error { message code }
  ... on VersionConflictError { expectedVersion actualVersion currentStatus }
  ... on InvalidTransitionError { from to }
`;

export const ADVANCE = `
  mutation Advance($number: Int, $id: ID, $expectedVersion: Int, $key: String) {
    advanceOrder(number: $number, id: $id, expectedVersion: $expectedVersion, idempotencyKey: $key) { ${CHANGE_RESULT} }
  }
`;

export const SET_STATUS = `
  mutation Set($number: Int!, $status: OrderStatus!, $expectedVersion: Int, $note: String, $key: String) {
    updateOrderStatus(number: $number, status: $status, expectedVersion: $expectedVersion, note: $note, idempotencyKey: $key) { ${CHANGE_RESULT} }
  }
`;

export const CANCEL = `
  mutation Cancel($number: Int!, $reason: String!, $key: String) {
    cancelOrder(number: $number, reason: $reason, idempotencyKey: $key) { ${CHANGE_RESULT} }
  }
`;

export const ORDER_EVENTS = `
  subscription Events($after: String, $filter: EventFilter) {
    orderEvents(after: $after, filter: $filter) { id cursor kind fromStatus toStatus orderNumber order { number status } }
  }
`;

export const ORDER_UPDATED = `
  subscription Track($code: String!) { orderUpdated(trackingCode: $code) { number status version estimatedReadyAt } }
`;

export function takeoutOrder(overrides: Record<string, unknown> = {}) {
  return {
    customerName: 'Sam',
    type: 'TAKEOUT',
    items: [
      { menuItemId: 'margherita', quantity: 2, modifiers: ['extra cheese'] },
      { menuItemId: 'cola', quantity: 1 },
    ],
    ...overrides,
  };
}
