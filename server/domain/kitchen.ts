// Kitchen progress, as pure rules: what a station's (or an item's) bump finishes and where the
// order goes with it, what a recall may take back, and who may mark a rush. The order service
// applies what these return inside its transaction; no I/O, no clock.
import { IN_KITCHEN, isFinal, stepsFor, type OrderStatus, type OrderType } from '../../shared/lifecycle.ts';

export const ITEM_STATES = ['WAITING', 'COOKING', 'DONE'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export interface KitchenItem {
  id: number;
  station: string;
  doneAt: Date | null;
}

export interface KitchenOrder {
  number: number;
  type: OrderType;
  status: OrderStatus;
  readyAt: Date | null;
  items: readonly KitchenItem[];
}

/** How this kitchen works; served to every screen so they all agree. */
export interface KitchenRules {
  /** Tickets wait for an expo check: the last station's bump leaves the order PREPARING. */
  expo: boolean;
  /** How long after a bump it may still be recalled. */
  recallMs: number;
}

export interface TicketTimer {
  type: OrderType;
  warnMinutes: number;
  lateMinutes: number;
}

/** The kitchen's rules and what its screens show, set on the server so every screen agrees. */
export interface KitchenSettings extends KitchenRules {
  /** What a kitchen screen's bump means: one status along, or the ticket done. */
  bump: 'step' | 'done';
  timers: TicketTimer[];
  /** Flagged on tickets besides the built-in allergy words. */
  allergyWords: string[];
}

/** Which items a bump or a recall acts on: one station's, some by id, or (neither) all of them. */
export interface ItemTarget {
  station?: string | null;
  itemIds?: readonly number[] | null;
}

export type Plan<T> = { ok: true; value: T } | { ok: false; reason: string; kind: 'state' | 'target' | 'window' };

export interface ItemsChange {
  /** The items whose state changes (to done for a bump, back to cooking for a recall). */
  itemIds: number[];
  to: OrderStatus;
}

/** An item is done once bumped; until then it cooks while its order is being prepared. */
export function itemState(item: Pick<KitchenItem, 'doneAt'>, status: OrderStatus): ItemState {
  if (item.doneAt) return 'DONE';
  return status === 'PREPARING' ? 'COOKING' : 'WAITING';
}

function targetItems(order: KitchenOrder, target: ItemTarget): Plan<readonly KitchenItem[]> {
  if (target.itemIds?.length) {
    const unknown = target.itemIds.filter((id) => !order.items.some((item) => item.id === id));
    if (unknown.length) return { ok: false, kind: 'target', reason: `order ${order.number} has no item ${unknown.join(', ')}` };
    const wanted = new Set(target.itemIds);
    return { ok: true, value: order.items.filter((item) => wanted.has(item.id)) };
  }
  if (target.station) {
    const ours = order.items.filter((item) => item.station === target.station);
    if (!ours.length) {
      const stations = [...new Set(order.items.map((item) => item.station))].sort().join(', ');
      return { ok: false, kind: 'target', reason: `order ${order.number} has nothing for the ${target.station} station; its stations are ${stations}` };
    }
    return { ok: true, value: ours };
  }
  return { ok: true, value: order.items };
}

/**
 * A bump finishes the targeted items. Bumping starts the order (a line cook's bump accepts it as
 * it goes), and the last item done makes it READY unless the kitchen wants an expo check.
 * Bumping what is already done changes nothing (the ids are empty and the status stays).
 */
export function planBump(order: KitchenOrder, target: ItemTarget, rules: Pick<KitchenRules, 'expo'>): Plan<ItemsChange> {
  if (!IN_KITCHEN.includes(order.status)) {
    return { ok: false, kind: 'state', reason: `it is ${order.status} and no longer in the kitchen` };
  }
  const chosen = targetItems(order, target);
  if (!chosen.ok) return chosen;
  const itemIds = chosen.value.filter((item) => !item.doneAt).map((item) => item.id);
  if (!itemIds.length) return { ok: true, value: { itemIds, to: order.status } };
  const finished = new Set(itemIds);
  const allDone = order.items.every((item) => item.doneAt || finished.has(item.id));
  return { ok: true, value: { itemIds, to: allDone && !rules.expo ? 'READY' : 'PREPARING' } };
}

/**
 * A recall takes back a recent bump: the targeted done items cook again (all of them when no
 * target is named), and a READY order is PREPARING again. Only bumps within the window count, and
 * an order that has left the kitchen (handed out, sent out, cancelled) stays where it is.
 */
export function planRecall(order: KitchenOrder, target: ItemTarget, now: Date, rules: Pick<KitchenRules, 'recallMs'>): Plan<ItemsChange> {
  if (isFinal(order.status) || order.status === 'OUT_FOR_DELIVERY') {
    return { ok: false, kind: 'state', reason: `it is ${order.status} and has left the kitchen` };
  }
  const chosen = targetItems(order, target);
  if (!chosen.ok) return chosen;
  const done = chosen.value.filter((item) => item.doneAt);
  const bumpedAt = [...done.map((item) => item.doneAt!), ...(order.status === 'READY' && order.readyAt ? [order.readyAt] : [])];
  if (!bumpedAt.length) return { ok: false, kind: 'state', reason: 'nothing of it has been bumped, so there is nothing to recall' };
  const latest = Math.max(...bumpedAt.map((at) => at.getTime()));
  if (now.getTime() - latest > rules.recallMs) {
    const ago = Math.floor((now.getTime() - latest) / 60_000);
    const window = Math.round(rules.recallMs / 60_000);
    return { ok: false, kind: 'window', reason: `it was bumped ${ago} min ago; only bumps of the last ${window} min can be recalled` };
  }
  return { ok: true, value: { itemIds: done.map((item) => item.id), to: order.status === 'READY' ? 'PREPARING' : order.status } };
}

/** The statuses an order passes through from `from` to `to` along its path, `to` included. */
export function stepsBetween(type: OrderType, from: OrderStatus, to: OrderStatus): OrderStatus[] {
  const path = stepsFor(type);
  const start = path.indexOf(from);
  const end = path.indexOf(to);
  return start >= 0 && end > start ? path.slice(start + 1, end + 1) : [];
}

/** Rush can be set and cleared while the order is open; a finished order stays as it was. */
export function planRush(order: Pick<KitchenOrder, 'status'>, rush: boolean, current: boolean): Plan<{ changed: boolean }> {
  if (isFinal(order.status)) return { ok: false, kind: 'state', reason: `it is already ${order.status}` };
  return { ok: true, value: { changed: rush !== current } };
}

/**
 * Words that mark an allergy or a dietary need on a ticket; matched as whole words (and plurals),
 * case-insensitive. A kitchen adds its own with --allergy-words.
 */
export const ALLERGY_WORDS = [
  'allergy', 'allergies', 'allergic', 'anaphylaxis', 'epipen', 'coeliac', 'celiac', 'nut', 'peanut', 'tree nut',
  'shellfish', 'fish', 'crustacean', 'mollusc', 'gluten', 'wheat', 'dairy', 'lactose', 'milk', 'egg', 'soy', 'soya',
  'sesame', 'mustard', 'celery', 'lupin', 'sulphite', 'sulfite', 'vegan', 'vegetarian', 'halal', 'kosher',
];
