import { liveView } from '../../events/live-view.ts';
import type { BoardEntry, PickupBoard } from '../../orders/pickup-board.ts';
import { builder } from '../builder.ts';

const BoardEntryRef = builder.objectRef<BoardEntry>('BoardEntry').implement({
  fields: (t) => ({
    number: t.exposeInt('number'),
    since: t.expose('since', { type: 'DateTime', description: 'When the order reached this column.' }),
  }),
});

const PickupBoardRef = builder.objectRef<PickupBoard>('PickupBoard').implement({
  description: 'Order numbers for the screen facing the counter. Public: numbers only, no names; no deliveries.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    preparing: t.field({ type: [BoardEntryRef], description: 'Placed and not ready yet, oldest first.', resolve: (b) => b.preparing }),
    ready: t.field({ type: [BoardEntryRef], description: 'Ready for pickup, longest waiting first.', resolve: (b) => b.ready }),
  }),
});

builder.queryField('pickupBoard', (t) =>
  t.field({ type: PickupBoardRef, resolve: (_root, _args, { services }) => services.pickupBoard.get() }),
);

builder.subscriptionField('pickupBoardUpdated', (t) =>
  t.field({
    type: PickupBoardRef,
    description: 'The board now, then again whenever it may have changed.',
    subscribe: (_root, _args, { services }) => liveView(services.bus, services.pickupBoard, services.logger),
    resolve: (board) => board,
  }),
);
