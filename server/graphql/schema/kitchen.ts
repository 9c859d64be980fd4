// The kitchen's own API: the settings every screen shares, item- and station-level bumps, recall
// and rush. The rules live in server/domain/kitchen.ts; the order service applies them.
import { ALLERGY_WORDS } from '../../domain/kitchen.ts';
import { RecallWindowError } from '../../orders/errors.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { orderRefOf, parseIntId } from './args.ts';
import { OrderTypeEnum } from './enums.ts';
import { changeArgsOf, changeErrors } from './order.ts';
import { OrderChangeRef, OrderRef } from './refs.ts';

const BumpModeEnum = builder.enumType('BumpMode', {
  values: {
    STEP: { value: 'step', description: 'A bump moves the ticket one status along; three bumps take a new ticket to READY.' },
    DONE: { value: 'done', description: 'A bump finishes the ticket: it is accepted and started along the way.' },
  } as const,
});

const TicketTimerRef = builder.objectRef<Context['services']['kitchenSettings']['timers'][number]>('TicketTimer').implement({
  description: 'Ticket ages at which every screen warns, then calls a ticket late, for one order type.',
  fields: (t) => ({
    type: t.expose('type', { type: OrderTypeEnum }),
    warnMinutes: t.exposeInt('warnMinutes'),
    lateMinutes: t.exposeInt('lateMinutes'),
  }),
});

const KitchenSettingsRef = builder.objectRef<Context['services']['kitchenSettings']>('KitchenSettings').implement({
  description: 'How this kitchen works, set on the server (`orderline serve --help`) so every screen agrees.',
  fields: (t) => ({
    bumpMode: t.field({ type: BumpModeEnum, resolve: (settings) => settings.bump }),
    expo: t.exposeBoolean('expo', { description: 'Tickets wait for an expo bump after the last station is done.' }),
    recallMinutes: t.int({ resolve: (settings) => Math.round(settings.recallMs / 60_000) }),
    timers: t.field({ type: [TicketTimerRef], resolve: (settings) => settings.timers }),
    allergyWords: t.stringList({
      description: 'Words a screen flags on tickets: the built-in allergy words and the kitchen’s own.',
      resolve: (settings) => [...new Set([...ALLERGY_WORDS, ...settings.allergyWords])],
    }),
    stations: t.stringList({
      description: 'The stations the menu’s dishes are made at.',
      resolve: (_settings, _args, { services }) => services.queries.stations(),
    }),
  }),
});

builder.queryFields((t) => ({
  kitchenSettings: t.field({
    type: KitchenSettingsRef,
    authScopes: { staff: true },
    resolve: (_root, _args, { services }) => services.kitchenSettings,
  }),
  recentlyBumped: t.field({
    type: [OrderRef],
    authScopes: { staff: true },
    description: 'Tickets bumped within the recall window (at `station` when given), the latest first: what can be recalled.',
    args: { station: t.arg.string() },
    resolve: (_root, { station }, { services }) =>
      services.queries.recentlyBumped(new Date(services.clock().getTime() - services.kitchenSettings.recallMs), station ?? null),
  }),
}));

builder.mutationFields((t) => {
  const changeArgs = changeArgsOf(t);
  const itemArgs = {
    station: t.arg.string({ description: 'This station’s items.' }),
    itemIds: t.arg.idList({ description: 'These items; with neither, the whole ticket.' }),
    note: t.arg.string(),
  };
  // The service normalises the target (targetOf); here the ids are only parsed.
  const target = (args: { itemIds?: readonly (string | number)[] | null }) => ({ itemIds: args.itemIds?.map((id, i) => parseIntId(id, `itemIds.${i}`)!) });
  return {
    bumpItems: t.field({
      type: OrderChangeRef,
      authScopes: { staff: true },
      description:
        'Mark items done: a station’s bump, one item, or the whole ticket. The order is started with its first bump and READY with its last (unless the kitchen uses expo). Bumping what is done changes nothing.',
      args: { ...changeArgs, ...itemArgs },
      errors: changeErrors('BumpItemsResult'),
      resolve: (_root, args, { services, actor }) =>
        services.orders.bumpItems({ ...args, order: orderRefOf(args), ...target(args) }, actor),
    }),
    recallOrder: t.field({
      type: OrderChangeRef,
      authScopes: { staff: true },
      description:
        'Take back a recent bump: the items (a station’s, some, or all) cook again and a READY order is PREPARING again. Only within `kitchenSettings.recallMinutes` of the bump; an order that left the kitchen stays where it is.',
      args: { ...changeArgs, ...itemArgs },
      errors: changeErrors('RecallOrderResult', [RecallWindowError]),
      resolve: (_root, args, { services, actor }) => services.orders.recall({ ...args, order: orderRefOf(args), ...target(args) }, actor),
    }),
    setRush: t.field({
      type: OrderChangeRef,
      authScopes: { staff: true },
      description: 'Mark or unmark an open order as rush: screens take rush tickets first.',
      args: { ...changeArgs, rush: t.arg.boolean({ required: true }), note: t.arg.string() },
      errors: changeErrors('SetRushResult'),
      resolve: (_root, args, { services, actor }) => services.orders.setRush({ ...args, order: orderRefOf(args) }, actor),
    }),
  };
});
