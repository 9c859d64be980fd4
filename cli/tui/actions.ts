// What the screens' keys do on the server. Each change applies to the order as the screen showed
// it (its version) and only once (an idempotency key): a ticket another screen moved first is
// refused and explained, never moved twice. A refusal reloads the screen so it shows the truth.
// What the server answers is made printable before a screen shows it (see live-query.ts).
import { randomUUID } from 'node:crypto';
import type { Api } from '../api/client.ts';
import type { ResultOf } from '../../shared/graphql.ts';
import { AdvanceOrder, BumpItems, CancelOrder, RecallOrder, RecentlyBumped, SetRush, SetStatus, ShowOrder } from '../api/operations.ts';
import type { OrderStatus } from '../../shared/lifecycle.ts';
import { expectSuccess } from '../api/results.ts';
import { printableData } from '../../shared/printable.ts';
import type { Order } from './tickets.ts';
import type { Feedback } from './use-feedback.ts';

type Change = ResultOf<typeof AdvanceOrder>['advanceOrder'] | ResultOf<typeof RecallOrder>['recallOrder'];

/** Which items a bump or a recall is for: a station's, some by id, or the whole ticket. */
export interface ItemTarget {
  station?: string;
  itemIds?: string[];
}

/** One event of an order's history, as the queue's detail view lists it. */
export type HistoryEntry = NonNullable<ResultOf<typeof ShowOrder>['order']>['history'][number];

export interface Actions {
  /** One step along: a bump on the kitchen screen, "advance" in the queue. */
  advance: (order: Order) => Promise<Feedback>;
  cancel: (order: Order, reason: string) => Promise<Feedback>;
  /** Any status the lifecycle allows from where the order is. */
  setStatus: (order: Order, status: OrderStatus) => Promise<Feedback>;
  /** The order's event history, oldest first. */
  history: (order: Order) => Promise<HistoryEntry[]>;
  /** Items done: a station's bump, an item's, or the whole ticket's. */
  bump: (order: Order, target: ItemTarget) => Promise<Feedback>;
  recall: (order: Order, target: ItemTarget) => Promise<Feedback>;
  setRush: (order: Order, rush: boolean) => Promise<Feedback>;
  /** Tickets bumped within the recall window, the latest first. */
  recentlyBumped: (station?: string) => Promise<Order[]>;
}

/** Told about each change: `changing` before it is sent, `changed` with the order it returned,
 * `refused` after a refusal (the screen then reloads to show the truth). */
export interface ChangeHooks {
  refused: () => unknown;
  changing?: (order: Order) => void;
  changed?: (order: Order) => void;
}

export function screenActions(api: Api, { refused, changing = () => undefined, changed = () => undefined }: ChangeHooks): Actions {
  async function change(send: () => Promise<Change>, said: (order: Order) => string = (order) => `#${order.number} → ${order.status}`): Promise<Feedback> {
    try {
      const { order, event } = printableData(expectSuccess(await send(), 'OrderChange'));
      changed(order);
      return { ok: true, message: event ? said(order) : `#${order.number} is already ${order.status}` };
    } catch (error) {
      refused();
      throw error;
    }
  }
  // By id: the ticket shown, even when an order from another day has the same number.
  const versioned = (order: Order) => {
    changing(order);
    return { id: order.id, expectedVersion: order.version, idempotencyKey: randomUUID() };
  };
  const where = (target: ItemTarget) => (target.station ? ` at ${target.station}` : '');
  // The dishes a bump of some items was for, by name: "#2 Margherita done".
  const named = (order: Order, target: ItemTarget) =>
    target.itemIds?.length && !target.station ? ` ${order.items.filter((item) => target.itemIds!.includes(item.id)).map((item) => item.name).join(', ')}` : '';
  return {
    advance: (order) => change(async () => (await api.mutate(AdvanceOrder, versioned(order))).advanceOrder),
    cancel: (order, reason) => change(async () => (await api.mutate(CancelOrder, { ...versioned(order), reason })).cancelOrder),
    setStatus: (order, status) => change(async () => (await api.mutate(SetStatus, { ...versioned(order), status })).updateOrderStatus),
    // By number and business day: together they name one order.
    history: async (order) => printableData((await api.query(ShowOrder, { number: order.number, date: order.businessDate })).order?.history ?? []),
    bump: (order, target) =>
      change(
        async () => (await api.mutate(BumpItems, { ...versioned(order), ...target })).bumpItems,
        (after) => `#${after.number}${named(after, target)} done${where(target)}${after.status === order.status ? '' : ` → ${after.status}`}`,
      ),
    // Not versioned: a recall names a bump this screen made, and the order has moved since.
    recall: (order, target) =>
      change(
        async () => (await api.mutate(RecallOrder, { id: order.id, idempotencyKey: randomUUID(), ...target })).recallOrder,
        (after) => `#${after.number} recalled${where(target)} → ${after.status}`,
      ),
    setRush: (order, rush) =>
      change(
        async () => (await api.mutate(SetRush, { ...versioned(order), rush })).setRush,
        (after) => `#${after.number} ${after.rush ? 'is a rush' : 'is no longer a rush'}`,
      ),
    recentlyBumped: async (station) => printableData((await api.query(RecentlyBumped, { station: station ?? null })).recentlyBumped),
  };
}

/**
 * The same actions, sent only while connected and one after another in the order they were
 * asked: a bump pressed while the server is away waits (the screen shows it pending) and goes,
 * once, when the connection is back. A refusal then is reported like any other.
 */
export function inOrderWhenLive(actions: Actions, whenLive: () => Promise<void>): Actions {
  let queue: Promise<unknown> = Promise.resolve();
  const queued =
    <A extends unknown[]>(action: (...args: A) => Promise<Feedback>) =>
    (...args: A): Promise<Feedback> => {
      const turn = queue.then(whenLive).then(() => action(...args));
      queue = turn.catch(() => undefined);
      return turn;
    };
  return {
    ...actions,
    advance: queued(actions.advance),
    cancel: queued(actions.cancel),
    setStatus: queued(actions.setStatus),
    bump: queued(actions.bump),
    recall: queued(actions.recall),
    setRush: queued(actions.setRush),
  };
}
