// What the order page asks for: the menu, and placing the order.
import { graphql, type ResultOf, type VariablesOf } from '../../../shared/graphql.ts';

export const MenuQuery = graphql(`
  query Menu {
    menu {
      id
      name
      category
      priceCents
      modifiers
      available
    }
  }
`);

export type MenuItem = ResultOf<typeof MenuQuery>['menu'][number];

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String, $customerKey: String) {
    placeOrder(input: $input, idempotencyKey: $idempotencyKey, customerKey: $customerKey) {
      __typename
      ... on OrderChange {
        order {
          trackingCode
        }
      }
      ... on ValidationError {
        message
        problems {
          path
          message
        }
      }
      ... on IdempotencyKeyReusedError {
        message
      }
    }
  }
`);

export type PlaceOrderInput = VariablesOf<typeof PlaceOrderMutation>['input'];
export type OrderItemInput = PlaceOrderInput['items'][number];
export type FieldProblem = Extract<ResultOf<typeof PlaceOrderMutation>['placeOrder'], { __typename: 'ValidationError' }>['problems'][number];
