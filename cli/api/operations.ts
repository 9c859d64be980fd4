// Every GraphQL operation the terminal clients send. Types come from schema.graphql via gql.tada.
import { graphql } from '../../shared/graphql.ts';

export const OrderFields = graphql(`
  fragment OrderFields on Order @_unmask {
    id number businessDate status version type customerName table address notes rush
    placedAt promisedAt estimatedReadyAt minutesLate late readyAt completedAt cancelledAt cancelReason
    nextStatus totalCents trackingCode trackingUrl
    items { id name quantity modifiers notes station state }
  }
`);

const ChangeResult = graphql(
  `
  fragment ChangeResult on OrderChange @_unmask {
    replayed
    order { ...OrderFields }
    event { id cursor kind fromStatus toStatus actor at note itemIds station }
  }
`,
  [OrderFields],
);

const ErrorResult = graphql(`
  fragment ErrorResult on Error @_unmask {
    message code
    ... on ValidationError { problems { path message } }
  }
`);

export const ListOrders = graphql(
  `
  query ListOrders($filter: OrderFilter, $last: Int, $before: String) {
    orders(last: $last, before: $before, filter: $filter) { edges { node { ...OrderFields } } pageInfo { hasPreviousPage startCursor } }
  }
`,
  [OrderFields],
);

/** One page of the screens' snapshot, oldest first, of the server's default size (a `first` written here would be refused where an operator lowers `--limit page-size`); the screens read every page. */
export const OpenOrders = graphql(
  `
  query OpenOrders($filter: OrderFilter, $after: String) {
    orders(after: $after, filter: $filter) { edges { cursor node { ...OrderFields } } pageInfo { hasNextPage endCursor } }
  }
`,
  [OrderFields],
);

export const ShowOrder = graphql(
  `
  query ShowOrder($number: Int!, $date: String) {
    order(number: $number, date: $date) {
      ...OrderFields
      history { id cursor kind fromStatus toStatus actor at note }
    }
  }
`,
  [OrderFields],
);

export const OrderId = graphql(`query OrderId($number: Int!, $date: String) { order(number: $number, date: $date) { id } }`);

export const Menu = graphql(`
  query Menu { menu { id name category station priceCents prepMinutes modifiers available } }
`);

export const PlaceOrder = graphql(
  `
  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {
    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {
      __typename
      ...ChangeResult
      ...ErrorResult
    }
  }
`,
  [ChangeResult, ErrorResult],
);

// The changes name an order by its id when the caller has one (numbers restart every business day,
// so an order still open from yesterday can share today's number), or by the number people type,
// which the server takes as the newest order with it.
export const SetStatus = graphql(
  `
  mutation SetStatus($id: ID, $number: Int, $status: OrderStatus!, $note: String, $expectedVersion: Int, $idempotencyKey: String) {
    updateOrderStatus(id: $id, number: $number, status: $status, note: $note, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ChangeResult
      ...ErrorResult
    }
  }
`,
  [ChangeResult, ErrorResult],
);

export const AdvanceOrder = graphql(
  `
  mutation AdvanceOrder($id: ID, $number: Int, $expectedVersion: Int, $idempotencyKey: String) {
    advanceOrder(id: $id, number: $number, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ChangeResult
      ...ErrorResult
    }
  }
`,
  [ChangeResult, ErrorResult],
);

export const CancelOrder = graphql(
  `
  mutation CancelOrder($id: ID, $number: Int, $reason: String!, $expectedVersion: Int, $idempotencyKey: String) {
    cancelOrder(id: $id, number: $number, reason: $reason, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ChangeResult
      ...ErrorResult
    }
  }
`,
  [ChangeResult, ErrorResult],
);

// The kitchen's own changes: a station's or an item's bump, a recall, rush on and off.
export const BumpItems = graphql(
  `
  mutation BumpItems($id: ID, $number: Int, $station: String, $itemIds: [ID!], $note: String, $expectedVersion: Int, $idempotencyKey: String) {
    bumpItems(id: $id, number: $number, station: $station, itemIds: $itemIds, note: $note, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ChangeResult
      ...ErrorResult
    }
  }
`,
  [ChangeResult, ErrorResult],
);

export const RecallOrder = graphql(
  `
  mutation RecallOrder($id: ID, $number: Int, $station: String, $itemIds: [ID!], $note: String, $expectedVersion: Int, $idempotencyKey: String) {
    recallOrder(id: $id, number: $number, station: $station, itemIds: $itemIds, note: $note, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ChangeResult
      ...ErrorResult
    }
  }
`,
  [ChangeResult, ErrorResult],
);

export const SetRush = graphql(
  `
  mutation SetRush($id: ID, $number: Int, $rush: Boolean!, $expectedVersion: Int, $idempotencyKey: String) {
    setRush(id: $id, number: $number, rush: $rush, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ChangeResult
      ...ErrorResult
    }
  }
`,
  [ChangeResult, ErrorResult],
);

export const KitchenSettings = graphql(`
  query KitchenSettings {
    kitchenSettings { bumpMode expo recallMinutes allergyWords stations timers { type warnMinutes lateMinutes } }
  }
`);

export const RecentlyBumped = graphql(
  `
  query RecentlyBumped($station: String) { recentlyBumped(station: $station) { ...OrderFields } }
`,
  [OrderFields],
);

export const StaffNotifications = graphql(`
  subscription StaffNotifications($after: String) { staffNotifications(after: $after) { kind message event { cursor } } }
`);

export const LatestCursor = graphql(`query LatestCursor { latestEventCursor }`);

export const OrderEvents = graphql(`
  subscription OrderEvents($after: String, $filter: EventFilter) {
    orderEvents(after: $after, filter: $filter) {
      id cursor kind fromStatus toStatus actor at note orderNumber orderType stations
    }
  }
`);

/** The event log with each event's order as it is now: a screen applies it instead of reloading. */
export const OrderEventsWithOrder = graphql(
  `
  subscription OrderEventsWithOrder($after: String, $filter: EventFilter) {
    orderEvents(after: $after, filter: $filter) { id cursor kind order { ...OrderFields } }
  }
`,
  [OrderFields],
);

export const OrderUpdated = graphql(
  `
  subscription OrderUpdated($trackingCode: String!) { orderUpdated(trackingCode: $trackingCode) { ...OrderFields } }
`,
  [OrderFields],
);

export const Stats = graphql(`
  query Stats {
    stats { at businessDate open placedToday completedToday cancelledToday late averageReadyMinutes byStatus { status count } }
  }
`);

export const Viewer = graphql(`query Viewer { viewer { kind name role tokenId } }`);

export const ListTokens = graphql(`query ListTokens { apiTokens { id name role prefix createdAt lastUsedAt revokedAt } }`);

export const CreateToken = graphql(
  `
  mutation CreateToken($name: String!, $role: Role!) {
    createApiToken(name: $name, role: $role) {
      __typename
      ... on CreatedApiToken { secret token { id name role prefix createdAt revokedAt } }
      ...ErrorResult
    }
  }
`,
  [ErrorResult],
);

export const RevokeToken = graphql(
  `
  mutation RevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on ApiToken { id name role prefix createdAt revokedAt }
      ...ErrorResult
    }
  }
`,
  [ErrorResult],
);
