// Pure rules of the kitchen display and the manager's queue: which orders show, in what order,
// how old a ticket is and how urgent. No I/O, no React: the screens render what these return.
import { clockDuration } from '../../shared/duration.ts';
import type { ResultOf } from '../../shared/graphql.ts';
import type { OrderFields } from '../api/operations.ts';
import { humanType, IN_KITCHEN, isFinal, ORDER_STATUSES, type OrderStatus } from '../../shared/lifecycle.ts';

export type Order = ResultOf<typeof OrderFields>;

/** Every status an order can still leave: what the manager's queue shows. */
export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((status) => !isFinal(status));

export type Urgency = 'on-time' | 'due-soon' | 'late';

/** Minutes before the promised time at which a ticket turns amber. */
const DUE_SOON_MINUTES = 3;

/**
 * Rush orders first, then the oldest: the order a line cook works in. Ties keep the number order,
 * so two screens always agree.
 */
export function workOrder(a: Order, b: Order): number {
  if (a.rush !== b.rush) return a.rush ? -1 : 1;
  return Date.parse(a.placedAt) - Date.parse(b.placedAt) || a.number - b.number;
}

/**
 * The orders a kitchen screen shows, in the order to work them: those in the kitchen, and on a
 * station's screen only while that station has something left to make for them.
 */
export function kitchenTickets(orders: readonly Order[], stations: readonly string[] = []): Order[] {
  return orders
    .filter((order) => IN_KITCHEN.includes(order.status))
    .filter((order) => !stations.length || order.items.some((item) => stations.includes(item.station) && item.state !== 'DONE'))
    .sort(workOrder);
}

/** The ticket ages at which screens warn and call a ticket late, per order type (from the server). */
export interface TicketTimer {
  type: Order['type'];
  warnMinutes: number;
  lateMinutes: number;
}

/**
 * A kitchen ticket's urgency by its age against the kitchen's timer for its type, as the line
 * reads a rail; a ticket past its promised time (the server says so) is late whatever its age.
 */
export function ticketUrgency(order: Pick<Order, 'type' | 'placedAt' | 'late' | 'promisedAt'>, now: number, timers: readonly TicketTimer[]): Urgency {
  const timer = timers.find((t) => t.type === order.type);
  if (!timer) return urgency(order, now);
  const minutes = (now - Date.parse(order.placedAt)) / 60_000;
  if (order.late || minutes >= timer.lateMinutes) return 'late';
  return minutes >= timer.warnMinutes ? 'due-soon' : 'on-time';
}

/** Each dish's count across `orders` still to make (at `stations` when given), most first. */
export function allDay(orders: readonly Order[], stations: readonly string[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const order of orders) {
    for (const item of order.items) {
      if (item.state === 'DONE' || (stations.length && !stations.includes(item.station))) continue;
      counts.set(item.name, (counts.get(item.name) ?? 0) + item.quantity);
    }
  }
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Each station of an order and whether all its items are done, for the expo. */
export function stationProgress(order: Pick<Order, 'items'>): { station: string; done: boolean }[] {
  const stations = [...new Set(order.items.map((item) => item.station))].sort();
  return stations.map((station) => ({ station, done: order.items.every((item) => item.station !== station || item.state === 'DONE') }));
}

/** True when `query` (typed after `/`) names the order: its number, a dish, or the customer or table. */
export function matchesSearch(order: Order, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (/^#?\d+$/.test(q)) return String(order.number) === q.replace('#', '');
  return [order.customerName, order.table ?? '', ...order.items.map((item) => item.name)].some((text) => text.toLowerCase().includes(q));
}

/** Numbers waiting at the pass (READY) in working order, for the strip under the tickets. */
export function readyNumbers(orders: readonly Order[]): number[] {
  return orders
    .filter((order) => order.status === 'READY')
    .sort(workOrder)
    .map((order) => order.number);
}

/** The time since `fromIso` as m:ss, or h:mm:ss past an hour; never negative (clocks differ). */
export function elapsed(fromIso: string, now: number): string {
  return clockDuration(Math.floor((now - Date.parse(fromIso)) / 1000));
}

/**
 * Late once the server says so (its estimate is past the promise) or the promised time has gone
 * by; amber in the last few minutes before the promise.
 */
export function urgency(order: Pick<Order, 'late' | 'promisedAt'>, now: number): Urgency {
  const left = order.promisedAt ? Date.parse(order.promisedAt) - now : Infinity;
  if (order.late || left < 0) return 'late';
  return left <= DUE_SOON_MINUTES * 60_000 ? 'due-soon' : 'on-time';
}

/** Who the order is for: its table when dined in, else the customer ('' when unknown). */
export function whoFor(order: Pick<Order, 'type' | 'table' | 'customerName'>): string {
  return order.type === 'DINE_IN' ? (order.table ? `table ${order.table}` : '') : order.customerName;
}

/** Who or where the order is for, in a few words: table, customer or delivery. */
export function destination(order: Pick<Order, 'type' | 'table' | 'customerName'>): string {
  const who = whoFor(order);
  if (order.type === 'DINE_IN') return who || humanType(order.type);
  return who ? `${humanType(order.type)} · ${who}` : humanType(order.type);
}

/** The newest business day among `orders` (YYYY-MM-DD); '' for none. */
export function newestDay(orders: readonly Pick<Order, 'businessDate'>[]): string {
  return orders.reduce((newest, order) => (order.businessDate > newest ? order.businessDate : newest), '');
}

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * "Mar 2" for an order of an earlier business day than `newest`; null for the newest day's.
 * Numbers restart every day, so yesterday's #1, still open, must not pass for today's #1.
 */
export function earlierDay(order: Pick<Order, 'businessDate'>, newest: string): string | null {
  return order.businessDate < newest ? dayLabel.format(new Date(`${order.businessDate}T00:00:00Z`)) : null;
}

/**
 * What a bump does, by the status it moves to, as a verb for the key hint ("Enter start #12"):
 * the status names themselves read as what has happened ("Enter completed #5").
 */
const BUMP_VERB: Record<OrderStatus, string | null> = {
  PENDING: null, // nothing moves back to PENDING
  CONFIRMED: 'confirm',
  PREPARING: 'start',
  READY: 'mark ready',
  OUT_FOR_DELIVERY: 'send out',
  COMPLETED: 'complete',
  CANCELLED: null, // a bump never cancels
};

/** What a bump does to this order, for the key hint: "start", "mark ready", …; null when it cannot move. */
export function bumpLabel(next: OrderStatus | null | undefined): string | null {
  return next ? BUMP_VERB[next] : null;
}

/**
 * Open orders per status, every open status present (zero included) in lifecycle order. The
 * server's counts win when given: they cover every open order, not only those a screen loads.
 */
export function countByStatus(
  orders: readonly Pick<Order, 'status'>[],
  serverCounts?: readonly { status: string; count: number }[],
): { status: OrderStatus; count: number }[] {
  return OPEN_STATUSES.map((status) => ({
    status,
    count: serverCounts
      ? (serverCounts.find((row) => row.status === status)?.count ?? 0)
      : orders.filter((order) => order.status === status).length,
  }));
}

/** What is selected: an order, and its place when it was selected (for when it has gone). */
export interface Selection {
  id: string | null;
  index: number;
}

/** Where the selection is now: on the same order while it is listed, else at the same place. */
export function selectedIndex(list: readonly Pick<Order, 'id'>[], selection: Selection): number {
  if (list.length === 0) return 0;
  const found = selection.id === null ? -1 : list.findIndex((order) => order.id === selection.id);
  return found >= 0 ? found : Math.min(selection.index, list.length - 1);
}

/** The page of a list that holds `selected`, `size` items a page: [start, end). */
export function pageOf(selected: number, size: number, total: number): [start: number, end: number] {
  const start = Math.floor(selected / size) * size;
  return [start, Math.min(total, start + size)];
}

/**
 * `orders` with `order` as it is now: replaced (unless what is held is newer), added, or left out
 * when `keep` says it no longer belongs.
 */
export function withOrder(orders: readonly Order[], order: Order, keep: (order: Order) => boolean): Order[] {
  const held = orders.find((o) => o.id === order.id);
  if (held && held.version > order.version) return [...orders];
  const others = orders.filter((o) => o.id !== order.id);
  return keep(order) ? [...others, order] : others;
}
