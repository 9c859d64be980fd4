// The counter screen's data: numbers only, never names (the server gives nothing else).
import { graphql, type ResultOf } from '../../../shared/graphql.ts';

const BoardFields = graphql(`
  fragment Board on PickupBoard @_unmask {
    at
    preparing {
      number
      since
    }
    ready {
      number
      since
    }
  }
`);

export type Board = ResultOf<typeof BoardFields>;

export const PickupBoardQuery = graphql(
  `
    query PickupBoard {
      pickupBoard {
        ...Board
      }
    }
  `,
  [BoardFields],
);

export const PickupBoardSubscription = graphql(
  `
    subscription PickupBoardUpdated {
      pickupBoardUpdated {
        ...Board
      }
    }
  `,
  [BoardFields],
);

/** The later reading of the board wins, whichever way it came. */
export function isNewerBoard(incoming: Board, current: Board): boolean {
  return Date.parse(incoming.at) >= Date.parse(current.at);
}
