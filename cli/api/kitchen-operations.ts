// The kitchen's changes as `orderline orders bump` and `orders recall` send them: BumpItems and
// RecallOrder (operations.ts) with a note, and with the event's items and station, so the command
// can say which items it changed rather than which it asked for.
import { graphql } from '../../shared/graphql.ts';
import { OrderFields } from './operations.ts';

const ItemsChangeResult = graphql(
  `
  fragment ItemsChangeResult on OrderChange @_unmask {
    replayed
    order { ...OrderFields }
    event { id cursor kind fromStatus toStatus actor at note itemIds station }
  }
`,
  [OrderFields],
);

const KitchenErrorResult = graphql(`
  fragment KitchenErrorResult on Error @_unmask {
    message code
    ... on ValidationError { problems { path message } }
  }
`);

export const BumpOrderItems = graphql(
  `
  mutation BumpOrderItems($id: ID, $number: Int, $station: String, $itemIds: [ID!], $note: String, $expectedVersion: Int, $idempotencyKey: String) {
    bumpItems(id: $id, number: $number, station: $station, itemIds: $itemIds, note: $note, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ItemsChangeResult
      ...KitchenErrorResult
    }
  }
`,
  [ItemsChangeResult, KitchenErrorResult],
);

export const RecallOrderItems = graphql(
  `
  mutation RecallOrderItems($id: ID, $number: Int, $station: String, $itemIds: [ID!], $note: String, $expectedVersion: Int, $idempotencyKey: String) {
    recallOrder(id: $id, number: $number, station: $station, itemIds: $itemIds, note: $note, expectedVersion: $expectedVersion, idempotencyKey: $idempotencyKey) {
      __typename
      ...ItemsChangeResult
      ...KitchenErrorResult
    }
  }
`,
  [ItemsChangeResult, KitchenErrorResult],
);
