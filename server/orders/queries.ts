// The read side: finding and listing orders, the menu and an order's history. Every list is one
// query with its items included, never one query per order.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/client.ts';
import type { OrderWithItems, Prisma } from '../db/models.ts';
import { IN_KITCHEN, ORDER_STATUSES, isFinal, type OrderStatus, type OrderType } from '../../shared/lifecycle.ts';

/** The most tickets the recall list offers: more than a kitchen bumps within a recall window. */
export const RECALL_LIST = 50;

const OPEN = ORDER_STATUSES.filter((status) => !isFinal(status));

export interface OrderFilter {
  statuses?: readonly OrderStatus[] | null;
  types?: readonly OrderType[] | null;
  stations?: readonly string[] | null;
  /** YYYY-MM-DD business date. */
  date?: string | null;
}

export interface Page {
  /** Keyset bounds on the order id, exclusive. */
  after?: number | null;
  before?: number | null;
  limit: number;
  /** Newest first (used to answer `last`). */
  newestFirst: boolean;
}

function whereOf(filter: OrderFilter | null | undefined): Prisma.OrderWhereInput {
  const where: Prisma.OrderWhereInput = {};
  if (filter?.statuses?.length) where.status = { in: [...filter.statuses] };
  if (filter?.types?.length) where.type = { in: [...filter.types] };
  if (filter?.stations?.length) where.items = { some: { station: { in: [...filter.stations] } } };
  if (filter?.date) where.businessDate = filter.date;
  return where;
}

/** Lookups by id batched at once: streams replaying together read their events' orders in a few queries, not one IN list of thousands. */
const ORDERS_PER_READ = 100;

export class OrderQueries {
  /**
   * Lookups by id made in the same tick, by any operation, read in one query; no cache, so live
   * events always see fresh rows. One per process, not one per operation: a live view's context
   * lives as long as its group, thousands of them (a loader is about 250 bytes), and an order by
   * id is the same for everyone (access is checked before an operation reaches an event).
   */
  readonly batched = new DataLoader<number, OrderWithItems | null>((ids) => this.byIds(ids), { cache: false, maxBatchSize: ORDERS_PER_READ });

  constructor(private readonly db: PrismaClient) {}

  /** The most recent order with this number, or the one of that business date. */
  byNumber(number: number, date?: string | null): Promise<OrderWithItems | null> {
    return this.db.order.findFirst({
      where: { number, ...(date ? { businessDate: date } : {}) },
      orderBy: { id: 'desc' },
      include: { items: true },
    });
  }

  byTrackingCode(code: string): Promise<OrderWithItems | null> {
    return this.db.order.findUnique({ where: { trackingCode: code }, include: { items: true } });
  }

  async byIds(ids: readonly number[]): Promise<(OrderWithItems | null)[]> {
    const rows = await this.db.order.findMany({ where: { id: { in: [...ids] } }, include: { items: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The orders placed with a customer key: those of business date `date` and any still open, newest first. */
  byCustomer(customerKeyHash: string, date: string, limit: number): Promise<OrderWithItems[]> {
    return this.db.order.findMany({
      where: { customerKeyHash, OR: [{ businessDate: date }, { status: { in: OPEN } }] },
      orderBy: { id: 'desc' },
      take: limit,
      include: { items: true },
    });
  }

  list(filter: OrderFilter | null | undefined, page: Page): Promise<OrderWithItems[]> {
    const id: Prisma.IntFilter = {};
    if (page.after != null) id.gt = page.after;
    if (page.before != null) id.lt = page.before;
    return this.db.order.findMany({
      where: { ...whereOf(filter), ...(page.after != null || page.before != null ? { id } : {}) },
      orderBy: { id: page.newestFirst ? 'desc' : 'asc' },
      take: page.limit,
      include: { items: true },
    });
  }

  /** Open or ready orders bumped since `since` (at `station` when named), the latest bump first, at most RECALL_LIST. */
  async recentlyBumped(since: Date, station: string | null): Promise<OrderWithItems[]> {
    const itemBumped: Prisma.OrderWhereInput = { items: { some: { doneAt: { gte: since }, ...(station ? { station } : {}) } } };
    const rows = await this.db.order.findMany({
      where: {
        status: { in: [...IN_KITCHEN, 'READY'] },
        OR: station ? [itemBumped] : [itemBumped, { readyAt: { gte: since } }],
      },
      include: { items: true },
    });
    const bumpedAt = (order: OrderWithItems) =>
      Math.max(order.readyAt?.getTime() ?? 0, ...order.items.filter((item) => !station || item.station === station).map((item) => item.doneAt?.getTime() ?? 0));
    // Cut after sorting: the latest bump is the latest of an order's items, which the database
    // cannot order by, so a cut there kept the lowest ids and dropped the bumps just made. The
    // recall window is what bounds the rows.
    return rows.sort((a, b) => bumpedAt(b) - bumpedAt(a)).slice(0, RECALL_LIST);
  }

  /** The stations the menu's dishes are made at. */
  async stations(): Promise<string[]> {
    const rows = await this.db.menuItem.findMany({ distinct: ['station'], select: { station: true }, orderBy: { station: 'asc' } });
    return rows.map((row) => row.station);
  }

  menu() {
    return this.db.menuItem.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
  }

  history(orderId: number) {
    return this.db.orderEvent.findMany({ where: { orderId }, orderBy: [{ tx: 'asc' }, { id: 'asc' }] });
  }
}
