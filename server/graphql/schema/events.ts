// The event log over GraphQL: the OrderEvent type and the live subscriptions built on the
// lossless event stream (server/events/stream.ts).
import { GraphQLError } from 'graphql';
import { matchesFilter, type EventMessage } from '../../events/message.ts';
import { eventStream } from '../../events/stream.ts';
import { followOrder } from '../../orders/order-updates.ts';
import type { OrderWithItems } from '../../db/models.ts';
import { normaliseTrackingCode } from '../../../shared/tracking-code.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { parseCursor } from './args.ts';
import { EventKindEnum, OrderStatusEnum, OrderTypeEnum } from './enums.ts';
import { OrderEventRef, OrderRef } from './refs.ts';

async function orderOf(event: EventMessage, ctx: Context): Promise<OrderWithItems> {
  const order = event.order ?? (await ctx.orders.load(event.orderId));
  if (!order) throw new Error(`event ${event.id} refers to missing order ${event.orderId}`);
  return order;
}

OrderEventRef.implement({
  description: 'One entry of the append-only event log. `cursor` resumes a stream right after it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    cursor: t.string({ resolve: (event) => String(event.id) }),
    kind: t.expose('kind', { type: EventKindEnum }),
    fromStatus: t.expose('fromStatus', { type: OrderStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: OrderStatusEnum, nullable: true }),
    actor: t.exposeString('actor', { description: 'Who made the change: a staff token’s name and role, customer or system.' }),
    at: t.field({ type: 'DateTime', resolve: (event) => new Date(event.at) }),
    note: t.exposeString('note', { nullable: true, description: 'The note or cancellation reason given with the change.' }),
    orderNumber: t.exposeInt('orderNumber'),
    orderType: t.expose('orderType', { type: OrderTypeEnum }),
    stations: t.exposeStringList('stations'),
    itemIds: t.idList({ description: 'The items an ITEMS_DONE or RECALLED event changed.', resolve: (event) => event.itemIds }),
    station: t.exposeString('station', { nullable: true, description: 'The station whose bump or recall it was; null for the whole ticket.' }),
    rush: t.exposeBoolean('rush', { nullable: true, description: 'The order’s rush after a RUSH_CHANGED event.' }),
    order: t.field({ type: OrderRef, description: 'The order: as this change left it on a live event, as it is now on one replayed from the log.', resolve: (event, _args, ctx) => orderOf(event, ctx) }),
  }),
});

const EventFilterInput = builder.inputType('EventFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [OrderStatusEnum], description: 'Events that moved an order into one of these.' }),
    types: t.field({ type: [OrderTypeEnum] }),
    stations: t.stringList({ description: 'Events of orders with an item for one of these stations.' }),
  }),
});

const NotificationKindEnum = builder.enumType('NotificationKind', {
  values: ['NEW_ORDER', 'ORDER_CANCELLED', 'LATE_TICKET'] as const,
});
type NotificationKind = 'NEW_ORDER' | 'ORDER_CANCELLED' | 'LATE_TICKET';
const NOTIFIED: Partial<Record<EventMessage['kind'], NotificationKind>> = {
  PLACED: 'NEW_ORDER',
  CANCELLED: 'ORDER_CANCELLED',
  LATE: 'LATE_TICKET',
};

const StaffNotificationRef = builder.objectRef<EventMessage>('StaffNotification').implement({
  description: 'Something staff should know now: a new order, a cancellation, a ticket past its promised time.',
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, resolve: (event) => NOTIFIED[event.kind]! }),
    message: t.string({
      resolve: async (event, _args, ctx) => {
        const order = await orderOf(event, ctx);
        const label = `#${order.number}`;
        if (event.kind === 'PLACED') {
          const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
          return `New ${order.type.toLowerCase().replace('_', '-')} order ${label} for ${order.customerName} (${count} item${count === 1 ? '' : 's'})`;
        }
        if (event.kind === 'CANCELLED') return `Order ${label} was cancelled: ${event.note ?? 'no reason given'}`;
        return `Order ${label} is late: promised for ${order.promisedAt.toISOString()}`;
      },
    }),
    event: t.field({ type: OrderEventRef, resolve: (event) => event }),
  }),
});


builder.queryField('latestEventCursor', (t) =>
  t.string({
    authScopes: { staff: true },
    description: 'The cursor of the newest event ("0" before any). Pass it as `after` to follow events from now on, resumably.',
    resolve: async (_root, _args, { services }) => String((await services.eventLog.head()).id),
  }),
);

builder.subscriptionFields((t) => ({
  orderEvents: t.field({
    type: OrderEventRef,
    authScopes: { staff: true },
    description:
      'Every event after `after` (replayed from the log), then live ones: no gap, no duplicate. Without `after`, only events from now on.',
    args: { after: t.arg.string(), filter: t.arg({ type: EventFilterInput }) },
    subscribe: (_root, { after, filter }, { services }) =>
      eventStream({
        bus: services.bus,
        log: services.eventLog,
        after: parseCursor(after, 'after'),
        filter: (event) => matchesFilter(event, filter),
      }),
    resolve: (event) => event,
  }),
  staffNotifications: t.field({
    type: StaffNotificationRef,
    authScopes: { staff: true },
    args: { after: t.arg.string({ description: 'Resume after this event cursor.' }) },
    subscribe: (_root, { after }, { services }) =>
      eventStream({ bus: services.bus, log: services.eventLog, after: parseCursor(after, 'after'), filter: (e) => e.kind in NOTIFIED }),
    resolve: (event) => event,
  }),
  orderUpdated: t.field({
    type: OrderRef,
    description:
      'The order now, then again whenever it changes or its estimated ready time moves by a minute or more. Open to whoever holds the tracking code.',
    args: { trackingCode: t.arg.string({ required: true }) },
    subscribe: async (_root, { trackingCode }, ctx) => {
      const code = normaliseTrackingCode(trackingCode);
      const order = code ? await ctx.services.queries.byTrackingCode(code) : null;
      if (!order) {
        throw new GraphQLError('no order has this tracking code; check the link on your receipt', {
          extensions: { code: 'NOT_FOUND' },
        });
      }
      return followOrder(ctx.services, order.id);
    },
    resolve: (order) => order,
  }),
}));
