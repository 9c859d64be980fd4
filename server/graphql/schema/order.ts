// Orders: the Order type, the queries that find them and the mutations that change them.
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { estimateArrivalAt, liveEstimate, minutesLate, type Ticket } from '../../domain/eta.ts';
import { ITEM_STATES, itemState } from '../../domain/kitchen.ts';
import { IN_KITCHEN, nextStatus } from '../../../shared/lifecycle.ts';
import { orderSteps } from '../../domain/steps.ts';
import { toMessage } from '../../events/log.ts';
import { ValidationError } from '../../errors.ts';
import { IdempotencyKeyReusedError } from '../../orders/errors.ts';
import { REACHED_AT, type OrderWithItems } from '../../db/models.ts';
import { normaliseTrackingCode } from '../../../shared/tracking-code.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { DEFAULT_PAGE_SIZE, checkPageSize, orderRefOf, parseCursor } from './args.ts';
import { OrderStatusEnum, OrderTypeEnum } from './enums.ts';
import { CHANGE_ERRORS } from './errors.ts';
import { OrderChangeRef, OrderEventRef, OrderRef } from './refs.ts';

/** An item with its order's status, which its state depends on. */
type Item = OrderWithItems['items'][number] & { orderStatus: OrderWithItems['status'] };

const ItemStateEnum = builder.enumType('ItemState', { values: ITEM_STATES });

const OrderItemRef = builder.objectRef<Item>('OrderItem').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    menuItemId: t.exposeID('menuItemId'),
    name: t.exposeString('name'),
    station: t.exposeString('station', { description: 'The kitchen station that prepares it: grill, fry, cold, bar, …' }),
    quantity: t.exposeInt('quantity'),
    modifiers: t.stringList({ resolve: (item) => item.modifiers as string[] }),
    notes: t.exposeString('notes', { nullable: true }),
    unitPriceCents: t.exposeInt('unitPriceCents'),
    state: t.field({
      type: ItemStateEnum,
      description: 'WAITING until the order is being prepared, then COOKING until its station bumps it.',
      resolve: (item) => itemState(item, item.orderStatus),
    }),
    doneAt: t.expose('doneAt', { type: 'DateTime', nullable: true, description: 'When its station marked it done.' }),
  }),
});

const StepStateEnum = builder.enumType('StepState', { values: ['DONE', 'CURRENT', 'UPCOMING'] as const });

const OrderStepRef = builder.objectRef<ReturnType<typeof orderSteps>[number]>('OrderStep').implement({
  description: 'One step on the way to the customer, as a tracker shows it.',
  fields: (t) => ({
    status: t.expose('status', { type: OrderStatusEnum }),
    state: t.expose('state', { type: StepStateEnum }),
    reachedAt: t.expose('reachedAt', { type: 'DateTime', nullable: true }),
  }),
});

/** `then` of the order's live estimate: at once while the kitchen's load is at hand (see LiveCache.use). */
function withEstimate<R>(order: OrderWithItems, { services }: Context, then: (estimate: Date | null) => R): R | Promise<R> {
  return services.kitchen.use((load) => then(liveEstimate(order satisfies Ticket, load, services.clock())));
}

OrderRef.implement({
  description: 'A customer order. Staff find it by number; the customer by its tracking code.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number', { description: 'Short number for people; restarts each business day.' }),
    businessDate: t.exposeString('businessDate'),
    trackingCode: t.exposeString('trackingCode', { description: 'The customer’s key to this order, and only to this order.' }),
    trackingUrl: t.string({
      description: 'The customer’s page for this order, on ORDERLINE_PUBLIC_URL when the server has one.',
      resolve: (order, _args, { origin }) => `${origin.replace(/\/$/, '')}/track/${order.trackingCode}`,
    }),
    type: t.expose('type', { type: OrderTypeEnum }),
    status: t.expose('status', { type: OrderStatusEnum }),
    nextStatus: t.field({
      type: OrderStatusEnum,
      nullable: true,
      description: 'Where `advanceOrder` would move it; null once it cannot move forward.',
      resolve: (order) => nextStatus(order.type, order.status),
    }),
    version: t.exposeInt('version', { description: 'Pass as `expectedVersion` so a change never overwrites one you have not seen.' }),
    customerName: t.exposeString('customerName'),
    table: t.exposeString('table', { nullable: true }),
    address: t.exposeString('address', { nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    rush: t.exposeBoolean('rush'),
    items: t.field({ type: [OrderItemRef], resolve: (order) => order.items.map((item) => ({ ...item, orderStatus: order.status })) }),
    totalCents: t.int({
      resolve: (order) => order.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0),
    }),
    placedAt: t.expose('placedAt', { type: 'DateTime' }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true }),
    preparingAt: t.expose('preparingAt', { type: 'DateTime', nullable: true }),
    readyAt: t.expose('readyAt', { type: 'DateTime', nullable: true }),
    outForDeliveryAt: t.expose('outForDeliveryAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
    steps: t.field({ type: [OrderStepRef], resolve: (order) => orderSteps(order.type, order.status, (status) => order[REACHED_AT[status]]) }),
    promisedAt: t.expose('promisedAt', { type: 'DateTime', description: 'The ready time promised when the order was placed.' }),
    estimatedReadyAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Live estimate from the kitchen’s load and recent pace; null for a cancelled order.',
      resolve: (order, _args, ctx) => withEstimate(order, ctx, (estimate) => estimate),
    }),
    estimatedArrivalAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'For a DELIVERY that is OUT_FOR_DELIVERY: when it left plus the usual delivery time (`orderline serve --delivery-minutes`). Null for any other order or status.',
      resolve: (order, _args, { services }) => estimateArrivalAt(order, services.deliveryMinutes),
    }),
    minutesLate: t.int({
      description: 'How far the live estimate is behind the promise, in whole minutes (0 when on time).',
      resolve: (order, _args, ctx) => withEstimate(order, ctx, (estimate) => minutesLate(order.promisedAt, estimate)),
    }),
    late: t.boolean({
      description: 'Still in the kitchen after its promised time.',
      resolve: (order, _args, { services }) =>
        IN_KITCHEN.includes(order.status) && order.promisedAt.getTime() < services.clock().getTime(),
    }),
    history: t.field({
      type: [OrderEventRef],
      authScopes: { staff: true },
      description: 'Every event of this order, oldest first.',
      resolve: async (order, _args, { services }) =>
        (await services.queries.history(order.id)).map((event) => toMessage({ ...event, order })),
    }),
  }),
});

export const OrderFilterInput = builder.inputType('OrderFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [OrderStatusEnum] }),
    types: t.field({ type: [OrderTypeEnum] }),
    stations: t.stringList(),
    date: t.string({ description: 'Business date, YYYY-MM-DD.' }),
  }),
});

builder.queryFields((t) => ({
  order: t.field({
    type: OrderRef,
    nullable: true,
    authScopes: { staff: true },
    description: 'The most recent order with this number, or the one of the given business date.',
    args: { number: t.arg.int({ required: true }), date: t.arg.string() },
    resolve: (_root, args, { services }) => services.queries.byNumber(args.number, args.date),
  }),
  orderByTrackingCode: t.field({
    type: OrderRef,
    nullable: true,
    description: 'The order this tracking code belongs to; null for an unknown or malformed code.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (_root, { code }, { services }) => {
      const normalised = normaliseTrackingCode(code);
      return normalised ? services.queries.byTrackingCode(normalised) : null;
    },
  }),
  orders: t.connection({
    type: OrderRef,
    authScopes: { staff: true },
    description: 'Orders oldest first; `last: n` gives the newest n.',
    args: { filter: t.arg({ type: OrderFilterInput }) },
    resolve: (_root, args, { services }) => {
      const pageSize = services.limits['page-size'];
      checkPageSize(args, pageSize);
      return resolveCursorConnection(
        { args, toCursor: (order: OrderWithItems) => String(order.id), defaultSize: Math.min(DEFAULT_PAGE_SIZE, pageSize), maxSize: pageSize },
        ({ before, after, limit, inverted }: ResolveCursorConnectionArgs) =>
          services.queries.list(args.filter, {
            after: parseCursor(after, 'after'),
            before: parseCursor(before, 'before'),
            limit,
            newestFirst: inverted,
          }),
      );
    },
  }),
}));

OrderChangeRef.implement({
  description: 'The outcome of a change: the order as it is now and the event the change appended.',
  fields: (t) => ({
    order: t.field({ type: OrderRef, resolve: (change) => change.order }),
    event: t.field({
      type: OrderEventRef,
      nullable: true,
      description: 'Null when the order already had the requested status: nothing changed.',
      resolve: (change) => change.event,
    }),
    replayed: t.exposeBoolean('replayed', {
      description: 'True when the idempotency key was seen before and this is the first request’s outcome.',
    }),
  }),
});

const OrderItemInput = builder.inputType('OrderItemInput', {
  fields: (t) => ({
    menuItemId: t.id({ required: true }),
    quantity: t.int({ required: true }),
    modifiers: t.stringList(),
    notes: t.string(),
  }),
});

const PlaceOrderInput = builder.inputType('PlaceOrderInput', {
  fields: (t) => ({
    customerName: t.string({ required: true }),
    type: t.field({ type: OrderTypeEnum, required: true }),
    table: t.string({ description: 'Required for DINE_IN.' }),
    address: t.string({ description: 'Required for DELIVERY.' }),
    notes: t.string(),
    rush: t.boolean({ description: 'Staff only: the kitchen takes it first.' }),
    items: t.field({ type: [OrderItemInput], required: true }),
  }),
});

type MutationFieldBuilder = Parameters<Parameters<typeof builder.mutationFields>[0]>[0];

const idempotencyKeyArg = (t: MutationFieldBuilder) =>
  t.arg.string({
    description:
      'Made once per logical change and reused on retry: a retry then returns the first outcome. Keys are per sender (a staff token; a customer by `customerKey`, else by network address), so another sender’s same key is a request of its own. At most 200 characters.',
  });

/** The arguments that name an order and guard a change, shared by every change mutation. */
export const changeArgsOf = (t: MutationFieldBuilder) => ({
  id: t.arg.id(),
  number: t.arg.int(),
  expectedVersion: t.arg.int({ description: 'Refuse the change if the order moved on since you saw it.' }),
  idempotencyKey: idempotencyKeyArg(t),
});

export const changeErrors = (name: string, extra: (new (...args: never[]) => Error)[] = []) => ({
  types: [...CHANGE_ERRORS, ...extra],
  directResult: true as const,
  union: { name },
});

builder.mutationFields((t) => {
  const idempotencyKey = idempotencyKeyArg(t);
  const changeArgs = changeArgsOf(t);

  return {
    placeOrder: t.field({
      type: OrderChangeRef,
      description: 'Open to customers (online ordering). The result’s order carries its tracking code.',
      args: {
        input: t.arg({ type: PlaceOrderInput, required: true }),
        idempotencyKey,
        customerKey: t.arg.string({
          description:
            'The customer’s own private key, made once by their browser and kept: `customerOrders` lists the orders placed with it. Never returned; only its hash is stored.',
        }),
      },
      errors: { types: [ValidationError, IdempotencyKeyReusedError], directResult: true, union: { name: 'PlaceOrderResult' } },
      resolve: (_root, { input, idempotencyKey, customerKey }, { services, actor, address }) =>
        services.orders.placeOrder(
          { ...input, items: input.items.map((item) => ({ ...item, menuItemId: String(item.menuItemId) })), customerKey },
          actor,
          idempotencyKey,
          address,
        ),
    }),
    updateOrderStatus: t.field({
      type: OrderChangeRef,
      authScopes: { staff: true },
      description: 'Set a status. Setting the status it already has changes nothing. CANCELLED needs a MANAGER and a note.',
      args: { ...changeArgs, status: t.arg({ type: OrderStatusEnum, required: true }), note: t.arg.string() },
      errors: changeErrors('UpdateOrderStatusResult'),
      resolve: (_root, args, { services, actor }) => {
        const request = { ...args, order: orderRefOf(args) };
        if (args.status !== 'CANCELLED') return services.orders.changeStatus({ ...request, to: args.status }, actor);
        requireManager(actor, 'cancel orders');
        return services.orders.cancel({ ...request, reason: args.note ?? '' }, actor);
      },
    }),
    advanceOrder: t.field({
      type: OrderChangeRef,
      authScopes: { staff: true },
      description: 'Move the order one step along its path (a bump on the kitchen screen).',
      args: changeArgs,
      errors: changeErrors('AdvanceOrderResult'),
      resolve: (_root, args, { services, actor }) => services.orders.advance({ ...args, order: orderRefOf(args) }, actor),
    }),
    cancelOrder: t.field({
      type: OrderChangeRef,
      authScopes: { manager: true },
      args: { ...changeArgs, reason: t.arg.string({ required: true }) },
      errors: changeErrors('CancelOrderResult'),
      resolve: (_root, args, { services, actor }) =>
        services.orders.cancel({ ...args, order: orderRefOf(args), reason: args.reason }, actor),
    }),
  };
});

function requireManager(actor: Context['actor'], what: string): void {
  if (actor.kind === 'staff' && actor.role === 'MANAGER') return;
  const who = actor.kind === 'staff' ? `"${actor.name}" is ${actor.role}` : 'no staff token was sent';
  throw new GraphQLError(`only a MANAGER can ${what}; ${who}`, { extensions: { code: 'FORBIDDEN' } });
}
