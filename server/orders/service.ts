// The order service: the only code that changes orders. Every change validates against the
// lifecycle rules, writes the order and appends its OrderEvent in one transaction, and only after
// the commit publishes the event. Idempotency keys make retries safe; versions make concurrent
// screens safe.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { actorLabel, type Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';
import { REACHED_AT, type OrderWithItems } from '../db/models.ts';
import type { Dish, StoredKey, WriteTx } from '../db/order-store.ts';
import { businessDate } from '../domain/business-day.ts';
import { promisedAt, type KitchenLoad } from '../domain/eta.ts';
import { planBump, planRecall, planRush, stepsBetween, type ItemTarget, type KitchenRules, type Plan } from '../domain/kitchen.ts';
import { IN_KITCHEN, checkTransition, nextStatus, type OrderStatus } from '../../shared/lifecycle.ts';
import type { EventBus } from '../events/bus.ts';
import type { LiveCache } from '../events/live-cache.ts';
import { ORDER_FACTS, toMessage } from '../events/log.ts';
import type { EventKind, EventMessage } from '../events/message.ts';
import { NotFoundError, ValidationError, type FieldProblem } from '../errors.ts';
import { IdempotencyKeyReusedError, InvalidTransitionError, RecallWindowError, VersionConflictError } from './errors.ts';
import { hashCustomerKey } from './customer-key.ts';
import { parsePlaceOrder, type PlaceOrderInput } from './place-order-input.ts';
import { TEXT_ARGUMENTS, checkText } from './text-rules.ts';
import { newTrackingCode } from './tracking-code.ts';

/** An order named by its id or by its number (the most recent order with that number). */
export interface OrderRef {
  id?: number | null;
  number?: number | null;
}

export interface ChangeRequest {
  order: OrderRef;
  /** Refuse the change unless the order is still at this version. */
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  note?: string | null;
}

export interface OrderChange {
  order: OrderWithItems;
  /** The event the change appended; null when there was nothing to change. */
  event: EventMessage | null;
  /** True when this is the stored outcome of an earlier request with the same idempotency key. */
  replayed: boolean;
}

export interface OrderServiceDeps {
  db: Database;
  bus: EventBus;
  kitchen: LiveCache<KitchenLoad>;
  timeZone: string;
  rules: KitchenRules;
  logger: Logger;
  clock?: () => Date;
}

/** What one change writes: columns of the order, items done or undone, and the event it appends. */
interface Edit {
  order: Partial<Omit<OrderWithItems, 'id' | 'items'>>;
  items?: { ids: number[]; doneAt: Date | null };
  event: Omit<NewEvent, 'actor' | 'now'>;
}

/**
 * The edit a change makes to the order as read in its transaction; null when nothing changes.
 * `note` is the request's note as checked (TEXT_ARGUMENTS.note), trimmed.
 */
type Planner = (order: OrderWithItems, now: Date, note: string | null) => Edit | null;

type Work = (tx: WriteTx, now: Date) => Promise<Omit<OrderChange, 'replayed'> | null>;

/** Thrown inside a transaction when another writer changed the row between our read and write. */
class LostRace extends Error {}

/** Without an expected version a lost race is retried; the caller never asked to be told. */
const RACE_RETRIES = 3;

/** The order's items with their dishes; a ValidationError naming every item the menu does not offer as asked. */
function linesOf<T extends { menuItemId: string; modifiers: readonly string[] }>(items: readonly T[], dishes: readonly Dish[]): (T & { dish: Dish })[] {
  const menu = new Map(dishes.map((dish) => [dish.id, dish]));
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    const dish = menu.get(item.menuItemId);
    if (!dish) return problems.push({ path: `items.${i}.menuItemId`, message: `"${item.menuItemId}" is not on the menu` });
    if (!dish.available) problems.push({ path: `items.${i}.menuItemId`, message: `${dish.name} is not available right now` });
    for (const modifier of item.modifiers) {
      if (!dish.modifiers.includes(modifier)) {
        const choices = dish.modifiers.length ? `choose from ${dish.modifiers.join(', ')}` : 'it takes no modifiers';
        problems.push({ path: `items.${i}.modifiers`, message: `"${modifier}" is not offered for ${dish.name}; ${choices}` });
      }
    }
  });
  if (problems.length) throw new ValidationError(problems);
  return items.map((item) => ({ ...item, dish: menu.get(item.menuItemId)! }));
}

export class OrderService {
  readonly #db: Database;
  readonly #bus: EventBus;
  readonly #kitchen: LiveCache<KitchenLoad>;
  readonly #timeZone: string;
  readonly #rules: KitchenRules;
  readonly #logger: Logger;
  readonly #clock: () => Date;

  constructor(deps: OrderServiceDeps) {
    this.#db = deps.db;
    this.#bus = deps.bus;
    this.#kitchen = deps.kitchen;
    this.#timeZone = deps.timeZone;
    this.#rules = deps.rules;
    this.#logger = deps.logger;
    this.#clock = deps.clock ?? (() => new Date());
  }

  /** `address` is the client's (Context.address): an anonymous customer's retries are told apart by it. */
  async placeOrder(input: PlaceOrderInput, actor: Actor, idempotencyKey?: string | null, address?: string | null): Promise<OrderChange> {
    const { customerKey, ...order } = parsePlaceOrder(input);
    const customerKeyHash = customerKey ? hashCustomerKey(customerKey) : null;
    if (order.rush && actor.kind !== 'staff') {
      throw new ValidationError([{ path: 'rush', message: 'only staff can mark an order as rush' }]);
    }
    const ids = [...new Set(order.items.map((item) => item.menuItemId))];
    const load = await this.#kitchen.get();

    // Without a key the fingerprint is the order alone, as before keys existed; with one, its hash.
    const fingerprint = customerKeyHash ? { ...order, customerKeyHash } : order;
    const scope = senderScope(actor, customerKeyHash, address ?? null);
    const change = await this.#commit('placeOrder', scope, idempotencyKey, fingerprint, async (tx, now) => {
      // Read in the transaction, so a dish taken off the menu meanwhile is never placed.
      const lines = linesOf(order.items, await tx.menuItems(ids));
      const prepMinutes = Math.max(...lines.map((line) => line.dish.prepMinutes));
      const day = businessDate(now, this.#timeZone);
      const lastNumber = await tx.nextOrderNumber(day);
      const promised = promisedAt({ id: 0, status: 'PENDING', placedAt: now, preparingAt: null, readyAt: null, prepMinutes, rush: order.rush }, load, now);
      const created = await tx.insertOrder(
        {
          number: lastNumber,
          businessDate: day,
          trackingCode: newTrackingCode(),
          type: order.type,
          customerName: order.customerName,
          table: order.table,
          address: order.address,
          notes: order.notes,
          rush: order.rush,
          customerKeyHash,
          prepMinutes,
          placedAt: now,
          promisedAt: promised,
        },
        lines.map((line) => ({
          menuItemId: line.dish.id,
          name: line.dish.name,
          station: line.dish.station,
          unitPriceCents: line.dish.priceCents,
          quantity: line.quantity,
          modifiers: line.modifiers,
          notes: line.notes,
        })),
      );
      const event = await appendEvent(tx, created, { kind: 'PLACED', from: null, to: 'PENDING', actor, now });
      return { order: created, event };
    });
    return change!;
  }

  /** Sets a status; setting the status the order already has changes nothing. */
  changeStatus(request: ChangeRequest & { to: OrderStatus }, actor: Actor): Promise<OrderChange> {
    return this.#statusChange('changeStatus', request, actor, () => request.to, { to: request.to });
  }

  /** Moves the order one step along its path. */
  advance(request: ChangeRequest, actor: Actor): Promise<OrderChange> {
    return this.#statusChange('advance', request, actor, (order) => {
      const next = nextStatus(order.type, order.status);
      if (!next) throw new InvalidTransitionError(order.number, order.status, null, `a ${order.status} order has no next step`);
      return next;
    });
  }

  cancel(request: ChangeRequest & { reason: string }, actor: Actor): Promise<OrderChange> {
    const reason = checkText(request.reason, 'reason', TEXT_ARGUMENTS.reason) ?? '';
    return this.#statusChange('cancel', { ...request, note: reason }, actor, () => 'CANCELLED');
  }

  /**
   * Marks items done: one station's, some by id, or the whole ticket. The order starts with its
   * first bump and is READY with its last (unless the kitchen wants an expo check).
   */
  bumpItems(request: ChangeRequest & ItemTarget, actor: Actor): Promise<OrderChange> {
    const target = targetOf(request);
    return this.#change('bumpItems', request, actor, target, (order, now, note) => {
      const plan = settle(planBump(order, target, this.#rules), order, 'be bumped', target);
      if (!plan.itemIds.length) return null;
      return {
        order: { status: plan.to, ...stamps(order, plan.to, now) },
        items: { ids: plan.itemIds, doneAt: now },
        event: { kind: 'ITEMS_DONE', ...statusMove(order.status, plan.to), note, itemIds: plan.itemIds, station: target.station },
      };
    });
  }

  /** Takes back a recent bump: done items cook again and a READY order is PREPARING again. */
  recall(request: ChangeRequest & ItemTarget, actor: Actor): Promise<OrderChange> {
    const target = targetOf(request);
    return this.#change('recall', request, actor, target, (order, now, note) => {
      const plan = settle(planRecall(order, target, now, this.#rules), order, 'be recalled', target);
      return {
        order: plan.to === order.status ? {} : { status: plan.to, readyAt: null },
        items: { ids: plan.itemIds, doneAt: null },
        event: { kind: 'RECALLED', ...statusMove(order.status, plan.to), note, itemIds: plan.itemIds, station: target.station },
      };
    });
  }

  /** Marks or unmarks an order as rush; the screens take rush tickets first. */
  setRush(request: ChangeRequest & { rush: boolean }, actor: Actor): Promise<OrderChange> {
    return this.#change('setRush', request, actor, { rush: request.rush }, (order, _now, note) => {
      if (!settle(planRush(order, request.rush, order.rush), order, 'change its rush').changed) return null;
      return { order: { rush: request.rush }, event: { kind: 'RUSH_CHANGED', from: null, to: null, note, rush: request.rush } };
    });
  }

  /** Records, once, that an order has passed its promised time. Safe to call from every process. */
  async flagLate(orderId: number): Promise<OrderChange | null> {
    return this.#commit('flagLate', 'system', null, null, async (tx, now) => {
      if (!(await tx.flagLate(orderId, now))) return null;
      const order = await tx.orderById(orderId);
      if (!order) throw new NotFoundError(`there is no order with id ${orderId}`);
      const note = `promised for ${order.promisedAt.toISOString()}`;
      const event = await appendEvent(tx, order, { kind: 'LATE', from: null, to: null, actor: { kind: 'system' }, note, now });
      return { order, event };
    });
  }

  #statusChange(
    operation: string,
    request: ChangeRequest,
    actor: Actor,
    target: (order: OrderWithItems) => OrderStatus,
    intent: object = {},
  ): Promise<OrderChange> {
    return this.#change(operation, request, actor, intent, (order, now, note) => {
      const to = target(order);
      const check = checkTransition(order.type, order.status, to);
      if (!check.ok) throw new InvalidTransitionError(order.number, order.status, to, check.reason);
      if (check.noop) return null;
      // Asked only now: cancelling an order that is already cancelled needs no reason.
      if (to === 'CANCELLED' && !note) throw new ValidationError([{ path: 'reason', message: 'say why the order is cancelled' }]);
      // An order that leaves the kitchen takes every item with it, so stations never keep it.
      const leaving = !IN_KITCHEN.includes(to) && to !== 'CANCELLED';
      const open = leaving ? order.items.filter((item) => !item.doneAt).map((item) => item.id) : [];
      return {
        order: { status: to, ...stamps(order, to, now), ...(to === 'CANCELLED' ? { cancelReason: note } : {}) },
        items: open.length ? { ids: open, doneAt: now } : undefined,
        event: { kind: to === 'CANCELLED' ? 'CANCELLED' : 'STATUS_CHANGED', from: order.status, to, note },
      };
    });
  }

  /**
   * One versioned change to an existing order: read it, plan the edit, write it only if nobody
   * else wrote in between, and append its event, all in one transaction.
   */
  async #change(operation: string, request: ChangeRequest, actor: Actor, intent: object, plan: Planner): Promise<OrderChange> {
    const { order: ref, expectedVersion } = request;
    const note = checkText(request.note, 'note', TEXT_ARGUMENTS.note);
    const fingerprint = { ref, expectedVersion, note, ...intent };
    for (let attempt = 1; ; attempt++) {
      try {
        const change = await this.#commit(operation, senderScope(actor), request.idempotencyKey, fingerprint, async (tx, now) => {
          const order = await findOrder(tx, ref);
          if (expectedVersion != null && expectedVersion !== order.version) {
            throw new VersionConflictError(order.number, expectedVersion, order.version, order.status);
          }
          const edit = plan(order, now, note);
          if (!edit) return { order, event: null };
          const changes = { ...edit.order, version: order.version + 1, updatedAt: now };
          if (!(await tx.updateOrderAtVersion(order.id, order.version, changes))) {
            if (expectedVersion == null) throw new LostRace();
            const current = await tx.orderState(order.id);
            throw new VersionConflictError(order.number, expectedVersion, current.version, current.status);
          }
          let items = order.items;
          if (edit.items) {
            const { ids, doneAt } = edit.items;
            await tx.setItemsDone(ids, doneAt);
            items = items.map((item) => (ids.includes(item.id) ? { ...item, doneAt } : item));
          }
          // The row is exactly what we read plus what we wrote (the version check guarantees it).
          const changed: OrderWithItems = { ...order, ...changes, items };
          const event = await appendEvent(tx, changed, { ...edit.event, actor, now });
          return { order: changed, event };
        });
        return change!;
      } catch (error) {
        if (!(error instanceof LostRace) || attempt >= RACE_RETRIES) throw error;
      }
    }
  }

  /**
   * Runs `work` in one transaction together with the idempotency record, then publishes the event.
   * A key the same sender (`scope`, see senderScope) used before returns the first outcome instead
   * of running again.
   */
  async #commit(operation: string, scope: string, clientKey: string | null | undefined, request: unknown, work: Work): Promise<OrderChange | null> {
    const given = checkText(clientKey, 'idempotencyKey', TEXT_ARGUMENTS.idempotencyKey);
    // Stored under the sender's scope: the first ':' ends it (no scope contains one).
    const key = given ? `${scope}:${given}` : null;
    const requestHash = key ? fingerprintOf(operation, request) : '';
    let outcome: { change: Omit<OrderChange, 'replayed'> | null } | { previous: StoredKey };
    try {
      outcome = await this.#db.orders.transaction<typeof outcome>(
        async (tx) => {
          if (key) {
            const previous = await tx.findKey(key);
            if (previous) return { previous };
          }
          const change = await work(tx, this.#clock());
          if (key && change) {
            await tx.insertKey(key, { operation, requestHash, orderId: change.order.id, eventId: change.event?.id ?? null });
          }
          return { change };
        },
        // Published by the store right after the commit: changes that commit together go out in id order.
        (committed) => {
          if (!('change' in committed) || !committed.change?.event) return;
          this.#bus.publish(committed.change.event);
          this.#logger.debug({ event: committed.change.event }, 'order event');
        },
      );
    } catch (error) {
      // Two requests with one key at the same moment: the other committed first, so replay it.
      const previous = key && this.#db.orders.isUniqueViolation(error) ? await this.#db.read.idempotencyKey.findUnique({ where: { key } }) : null;
      if (!previous) throw error;
      outcome = { previous };
    }
    if ('previous' in outcome) return this.#replay(outcome.previous, operation, requestHash, given!);
    return outcome.change && { ...outcome.change, replayed: false };
  }

  async #replay(previous: StoredKey, operation: string, requestHash: string, clientKey: string): Promise<OrderChange> {
    if (previous.operation !== operation || previous.requestHash !== requestHash) {
      throw new IdempotencyKeyReusedError(clientKey);
    }
    const order = await this.#db.read.order.findUniqueOrThrow({ where: { id: previous.orderId }, include: { items: true } });
    const event = previous.eventId
      ? toMessage(await this.#db.read.orderEvent.findUniqueOrThrow({ where: { id: previous.eventId }, include: { order: ORDER_FACTS } }))
      : null;
    return { order, event, replayed: true };
  }
}

/**
 * Whose idempotency keys a request's key is one of. Clients choose keys, so a key must never find
 * another sender's outcome (a customer's order and its tracking code): staff are told apart by
 * their token; an anonymous customer by the customer key their browser keeps (the same browser
 * retrying on another network is still the same sender), else by their address, kept only as a
 * hash. Anyone else sending the same key makes a request of their own.
 */
function senderScope(actor: Actor, customerKeyHash: string | null = null, address: string | null = null): string {
  if (actor.kind === 'staff') return `staff-${actor.tokenId}`;
  if (actor.kind === 'system') return 'system';
  if (customerKeyHash) return `customer-${customerKeyHash}`;
  return address ? `address-${createHash('sha256').update(address).digest('hex')}` : 'customer';
}

async function findOrder(tx: WriteTx, ref: OrderRef): Promise<OrderWithItems> {
  if (ref.id != null) {
    const order = await tx.orderById(ref.id);
    if (!order) throw new NotFoundError(`there is no order with id ${ref.id}`);
    return order;
  }
  if (ref.number != null) {
    const order = await tx.orderByNumber(ref.number);
    if (!order) throw new NotFoundError(`there is no order number ${ref.number}`);
    return order;
  }
  throw new ValidationError([{ path: 'order', message: 'name the order by its id or its number' }]);
}

interface NewEvent {
  kind: EventKind;
  from: OrderStatus | null;
  to: OrderStatus | null;
  actor: Actor;
  note?: string | null;
  /** The items an ITEMS_DONE or RECALLED event changed, and the station that asked. */
  itemIds?: number[];
  station?: string | null;
  rush?: boolean;
  now: Date;
}

/** The items a request names, in one shape: its fingerprint must not depend on how it was asked. */
function targetOf({ station, itemIds }: ItemTarget): ItemTarget {
  return { station: station ?? null, itemIds: itemIds ?? null };
}

/** The plan, or the typed error that explains its refusal. */
function settle<T>(plan: Plan<T>, order: OrderWithItems, action: string, target: ItemTarget = {}): T {
  if (plan.ok) return plan.value;
  if (plan.kind === 'window') throw new RecallWindowError(order.number, plan.reason);
  if (plan.kind === 'target') throw new ValidationError([{ path: target.itemIds?.length ? 'itemIds' : 'station', message: plan.reason }]);
  throw new InvalidTransitionError(order.number, order.status, null, plan.reason, action);
}

/** An event's from/to: set only when the order's status moved. */
function statusMove(from: OrderStatus, to: OrderStatus): { from: OrderStatus | null; to: OrderStatus | null } {
  return from === to ? { from: null, to: null } : { from, to };
}

/** When each status was reached: a bump from PENDING straight to READY passes the steps between. */
function stamps(order: OrderWithItems, to: OrderStatus, now: Date): Edit['order'] {
  const passed = stepsBetween(order.type, order.status, to);
  if (!passed.includes(to)) passed.push(to); // a cancellation, which is not a step
  return Object.fromEntries(passed.filter((status) => !order[REACHED_AT[status]]).map((status) => [REACHED_AT[status], now]));
}

/**
 * Appends to the event log. On SQLite the id comes from the EventSequence row in this transaction,
 * so ids are gap-free and commit in order (SQLite has one writer); on PostgreSQL it comes from a
 * sequence, and readers take the log in (transaction, id) order (server/events/log.ts).
 */
async function appendEvent(tx: WriteTx, order: OrderWithItems, event: NewEvent): Promise<EventMessage> {
  const lastId = await tx.nextEventId();
  const row = await tx.insertEvent({
    id: lastId,
    orderId: order.id,
    kind: event.kind,
    fromStatus: event.from,
    toStatus: event.to,
    actor: actorLabel(event.actor),
    at: event.now,
    payload: payloadOf(event),
  });
  return { ...toMessage({ ...row, order }), order };
}

function payloadOf({ note, itemIds, station, rush }: NewEvent): Record<string, unknown> | undefined {
  const payload = { ...(note ? { note } : {}), ...(itemIds?.length ? { itemIds } : {}), ...(station ? { station } : {}), ...(rush !== undefined ? { rush } : {}) };
  return Object.keys(payload).length ? payload : undefined;
}

function fingerprintOf(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update(JSON.stringify(request ?? null)).digest('hex');
}

