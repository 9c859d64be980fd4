// When will an order be ready? Estimated from the kitchen's real load: the tickets ahead of it and
// how fast the kitchen has actually been cooking lately. Pure: the caller passes the clock.

import { IN_KITCHEN, type OrderStatus, type OrderType } from '../../shared/lifecycle.ts';

/** Tickets the kitchen works on at once. Beyond that, tickets wait their turn. */
export const KITCHEN_CAPACITY = 4;
/** The pace is trusted after this many recent tickets; before that, nominal times are used. */
const MIN_PACE_SAMPLES = 3;
/** A slower or faster kitchen moves estimates, but never by more than this factor. */
const PACE_LIMITS = [0.5, 3] as const;
/** An unfinished ticket is never estimated as ready sooner than this. */
const MIN_REMAINING_MS = 60_000;

const MINUTE = 60_000;

export interface Ticket {
  id: number;
  status: OrderStatus;
  placedAt: Date;
  preparingAt: Date | null;
  readyAt: Date | null;
  /** Nominal preparation time: the slowest item. */
  prepMinutes: number;
  rush: boolean;
}

export interface KitchenLoad {
  /** Tickets not yet ready, in the order the kitchen takes them. */
  open: Ticket[];
  /** actual / nominal preparation time of recently finished tickets. */
  recentPaces: number[];
}

/** A load that knows the version of each order it has seen, so it can be kept up to date from events. */
export interface TrackedLoad extends KitchenLoad {
  /**
   * Shared with the loads that follow it: loadAfter adds to it rather than copy thousands of
   * entries for every event, so a load is to be brought up to date once (LiveCache keeps only the
   * newest), and the map only ever learns newer versions.
   */
  versions: Map<number, number>;
}

/**
 * The load after `order`'s committed change, when the change alone says it: a ticket placed,
 * moved, re-ordered or gone from the kitchen unfinished. Undefined when the load must be read
 * again: a ticket that became ready sets the pace, and one that came back into the kitchen may
 * take its pace sample back. An older version than one seen (events from two processes can
 * cross) leaves the load as it is.
 */
export function loadAfter(load: TrackedLoad, order: Ticket & { version: number }): TrackedLoad | undefined {
  const seen = load.versions.get(order.id);
  if (seen !== undefined && seen >= order.version) return load;
  // A placement (version 1) past that check is not held: every held ticket has its version here.
  const heldAt = order.version === 1 ? -1 : load.open.findIndex((ticket) => ticket.id === order.id);
  const inKitchen = IN_KITCHEN.includes(order.status);
  if (heldAt !== -1 ? order.readyAt !== null : inKitchen && order.version !== 1) return undefined;
  const open = load.open.slice();
  if (heldAt !== -1) open.splice(heldAt, 1);
  let placed: { ticket: Ticket; last: boolean } | undefined;
  if (inKitchen) {
    const { id, status, placedAt, preparingAt, readyAt, prepMinutes, rush } = order;
    const ticket = { id, status, placedAt, preparingAt, readyAt, prepMinutes, rush };
    const at = queuePlace(open, ticket);
    placed = { ticket, last: at === open.length };
    open.splice(at, 0, ticket);
  }
  load.versions.set(order.id, order.version);
  const next = { open, recentPaces: load.recentPaces, versions: load.versions };
  inheritQueueEnd(load, next, heldAt === -1 ? undefined : load.open[heldAt], placed);
  return next;
}

/** Where `ticket` goes in a queue kept in queue order: after every ticket that comes before it. */
function queuePlace(queue: readonly Ticket[], ticket: Ticket): number {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (queueOrder(queue[mid]!, ticket) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Rush tickets first, then first come first served: the order a kitchen works through. */
export function queueOrder(a: Ticket, b: Ticket): number {
  if (a.rush !== b.rush) return a.rush ? -1 : 1;
  return a.placedAt.getTime() - b.placedAt.getTime() || a.id - b.id;
}

/** The kitchen's pace: 1 is nominal, 1.5 means tickets take half as long again as planned. */
export function kitchenPace(recentPaces: readonly number[]): number {
  const usable = recentPaces.filter((p) => Number.isFinite(p) && p > 0);
  if (usable.length < MIN_PACE_SAMPLES) return 1;
  const sorted = [...usable].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.min(PACE_LIMITS[1], Math.max(PACE_LIMITS[0], median));
}

/** The pace a finished ticket showed, or null when it never recorded the times needed. */
export function observedPace(ticket: Pick<Ticket, 'placedAt' | 'preparingAt' | 'readyAt' | 'prepMinutes'>): number | null {
  if (!ticket.readyAt || ticket.prepMinutes <= 0) return null;
  const started = ticket.preparingAt ?? ticket.placedAt;
  return (ticket.readyAt.getTime() - started.getTime()) / (ticket.prepMinutes * MINUTE);
}

function remainingMs(ticket: Ticket, pace: number, now: Date): number {
  const total = ticket.prepMinutes * MINUTE * pace;
  if (ticket.status !== 'PREPARING' || !ticket.preparingAt) return total;
  return Math.max(MIN_REMAINING_MS, total - (now.getTime() - ticket.preparingAt.getTime()));
}

/**
 * The estimated ready time of `ticket`, or null for a cancelled order. Finished tickets report
 * when they became ready. A waiting ticket starts when a kitchen slot frees up after the work
 * ahead of it: tickets already cooking, then those before it in the queue.
 */
export function estimateReadyAt(ticket: Ticket, load: KitchenLoad, now: Date): Date | null {
  if (ticket.status === 'CANCELLED') return null;
  if (ticket.readyAt) return ticket.readyAt;
  const pace = kitchenPace(load.recentPaces);
  const own = remainingMs(ticket, pace, now);
  if (ticket.status === 'PREPARING') return new Date(now.getTime() + own);
  const slots = slotsAfter(load, pace, now, (other) => other.id !== ticket.id && (other.status === 'PREPARING' || queueOrder(other, ticket) < 0));
  return new Date(now.getTime() + slots[soonestSlot(slots)]! + own);
}

/**
 * The kitchen's slots once the tickets `counted` picks are taken in kitchen order: those cooking,
 * then those waiting, in queue order. A load keeps its tickets in queue order, so that is two
 * walks of it, not a sort of thousands per estimate.
 */
function slotsAfter(load: KitchenLoad, pace: number, now: Date, counted: (ticket: Ticket) => boolean): number[] {
  const queue = inQueueOrder(load.open) ? load.open : [...load.open].sort(queueOrder);
  const slots: number[] = new Array<number>(KITCHEN_CAPACITY).fill(0);
  const take = (ticket: Ticket) => void (slots[soonestSlot(slots)]! += remainingMs(ticket, pace, now));
  for (const ticket of queue) if (ticket.status === 'PREPARING' && counted(ticket)) take(ticket);
  for (const ticket of queue) if (ticket.status !== 'PREPARING' && counted(ticket)) take(ticket);
  return slots;
}

/** The kitchen slot that frees up first; a loop, since it runs once for every ticket of the queue. */
function soonestSlot(slots: readonly number[]): number {
  let soonest = 0;
  for (let i = 1; i < slots.length; i++) if (slots[i]! < slots[soonest]!) soonest = i;
  return soonest;
}

function inQueueOrder(tickets: readonly Ticket[]): boolean {
  for (let i = 1; i < tickets.length; i++) if (queueOrder(tickets[i - 1]!, tickets[i]!) > 0) return false;
  return true;
}

/** The kitchen's slots once its queue is taken, as of a second: where a new ticket's wait starts. */
interface QueueEnd {
  second: number;
  pace: number;
  /** After the tickets cooking and the rush tickets waiting: where a new rush ticket starts. */
  afterRush: readonly number[];
  /** After every ticket: where any other new ticket starts. */
  afterAll: readonly number[];
}
/** Worked out once per load and second, and handed on to the load after a placement (loadAfter). */
const queueEnds = new WeakMap<KitchenLoad, QueueEnd>();

function queueEnd(load: KitchenLoad, second: number): QueueEnd {
  const known = queueEnds.get(load);
  if (known?.second === second) return known;
  const pace = kitchenPace(load.recentPaces);
  const at = new Date(second);
  const afterRush = slotsAfter(load, pace, at, (ticket) => ticket.status === 'PREPARING' || ticket.rush);
  const end = { second, pace, afterRush, afterAll: slotsAfter(load, pace, at, () => true) };
  queueEnds.set(load, end);
  return end;
}

/**
 * The load after a change keeps its predecessor's queue end when the change cannot move it: a
 * ticket placed at the back of the queue adds its own time to the soonest slot, and a waiting
 * ticket that keeps its place and its time (confirmed, say) changes nothing. Anything else (a
 * rush, a ticket cooking or gone) is worked out again when next asked.
 */
function inheritQueueEnd(load: KitchenLoad, next: KitchenLoad, before: Ticket | undefined, placed: { ticket: Ticket; last: boolean } | undefined): void {
  const known = queueEnds.get(load);
  const after = placed?.ticket;
  if (!known || !after || after.status === 'PREPARING') return;
  if (!before) {
    if (after.rush || !placed.last) return;
    const afterAll = known.afterAll.slice();
    afterAll[soonestSlot(afterAll)]! += remainingMs(after, known.pace, new Date(known.second));
    queueEnds.set(next, { ...known, afterAll });
  } else if (before.status !== 'PREPARING' && before.rush === after.rush && before.prepMinutes === after.prepMinutes && before.placedAt.getTime() === after.placedAt.getTime()) {
    queueEnds.set(next, known);
  }
}

/**
 * When a ticket placed now is promised: estimateReadyAt's answer for it as of the start of the
 * current second (never more than a second sooner). A placement would otherwise walk every open
 * ticket; this walks them once per load and second, and the load after a placement carries the
 * walk on, so thousands of open tickets cost a placement a few steps.
 */
export function promisedAt(ticket: Ticket, load: KitchenLoad, now: Date): Date {
  const second = Math.floor(now.getTime() / SECOND) * SECOND;
  const end = queueEnd(load, second);
  const slots = ticket.rush ? end.afterRush : end.afterAll;
  return new Date(second + slots[soonestSlot(slots)]! + remainingMs(ticket, end.pace, now));
}

/** Tickets cooking first, then the queue: the order in which the kitchen's slots fill. */
function kitchenOrder(a: Ticket, b: Ticket): number {
  return Number(b.status === 'PREPARING') - Number(a.status === 'PREPARING') || queueOrder(a, b);
}

/**
 * estimateReadyAt for every open ticket at once, walking the kitchen's queue one time instead of
 * once per ticket: a ticket's work ahead is exactly the tickets before it in kitchen order.
 */
export function estimateOpen(load: KitchenLoad, now: Date): Map<number, Date> {
  const pace = kitchenPace(load.recentPaces);
  const slots: number[] = new Array<number>(KITCHEN_CAPACITY).fill(0);
  const estimates = new Map<number, Date>();
  for (const ticket of [...load.open].sort(kitchenOrder)) {
    const own = remainingMs(ticket, pace, now);
    const free = soonestSlot(slots);
    estimates.set(ticket.id, ticket.readyAt ?? new Date(now.getTime() + (ticket.status === 'PREPARING' ? 0 : slots[free]!) + own));
    slots[free]! += own;
  }
  return estimates;
}

const SECOND = 1_000;
/** The estimates of a load, worked out once per second however many orders ask. */
const perSecond = new WeakMap<KitchenLoad, { second: number; estimates: Map<number, Date>; tickets: Map<number, Ticket> }>();

function sameTicket(a: Ticket, b: Ticket): boolean {
  return a.status === b.status && a.rush === b.rush && a.prepMinutes === b.prepMinutes && a.placedAt.getTime() === b.placedAt.getTime() && a.preparingAt?.getTime() === b.preparingAt?.getTime() && a.readyAt?.getTime() === b.readyAt?.getTime();
}

/**
 * estimateReadyAt as of the start of the current second, for the live paths that ask it for
 * every open order on every change: a second is far below what an estimate shows (minutes). A
 * ticket the load does not hold as it is (newer than the load) is estimated on its own.
 */
export function liveEstimate(ticket: Ticket, load: KitchenLoad, now: Date): Date | null {
  if (ticket.status === 'CANCELLED') return null;
  if (ticket.readyAt) return ticket.readyAt;
  const second = Math.floor(now.getTime() / SECOND) * SECOND;
  let known = perSecond.get(load);
  if (known?.second !== second) {
    known = { second, estimates: estimateOpen(load, new Date(second)), tickets: new Map(load.open.map((open) => [open.id, open])) };
    perSecond.set(load, known);
  }
  const held = known.tickets.get(ticket.id);
  return held && sameTicket(held, ticket) ? known.estimates.get(ticket.id)! : estimateReadyAt(ticket, load, new Date(second));
}

/** Whole minutes the estimate is behind the promise; 0 when on time or early. */
export function minutesLate(promisedAt: Date, estimatedReadyAt: Date | null): number {
  if (!estimatedReadyAt) return 0;
  return Math.max(0, Math.round((estimatedReadyAt.getTime() - promisedAt.getTime()) / MINUTE));
}

/** What a delivery's arrival depends on. */
export interface Delivery {
  type: OrderType;
  status: OrderStatus;
  /** When it left the restaurant: the OUT_FOR_DELIVERY step's time. */
  outForDeliveryAt: Date | null;
}

/**
 * When a delivery should reach the customer: the time it left plus the usual time on the road.
 * Only while a delivery is on its way; null before it leaves, after it is done, and for any
 * order that is not a delivery.
 */
export function estimateArrivalAt(order: Delivery, deliveryMinutes: number): Date | null {
  if (order.type !== 'DELIVERY' || order.status !== 'OUT_FOR_DELIVERY' || !order.outForDeliveryAt) return null;
  return new Date(order.outForDeliveryAt.getTime() + deliveryMinutes * MINUTE);
}
