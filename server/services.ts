// Everything a running server holds, wired once: database, event bus, the order service and the
// live views derived from the database. The HTTP layer and the tests both start from here.
import type { Logger } from 'pino';
import type { Restaurant } from './config.ts';
import type { Database } from './db/client.ts';
import { loadAfter, type KitchenLoad } from './domain/eta.ts';
import type { KitchenSettings } from './domain/kitchen.ts';
import type { EventBus } from './events/bus.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { LiveCache } from './events/live-cache.ts';
import { SharedStreams } from './events/shared-streams.ts';
import type { OrderWithItems } from './db/models.ts';
import { eventLog } from './events/log.ts';
import { sharedLogReads } from './events/shared-log-reads.ts';
import type { EventLog } from './events/stream.ts';
import { readKitchenLoad } from './orders/kitchen-load.ts';
import { readPickupBoard, type PickupBoard } from './orders/pickup-board.ts';
import { OrderWatch } from './orders/order-watch.ts';
import { OrderQueries } from './orders/queries.ts';
import { OrderService } from './orders/service.ts';
import { readStats, type Stats } from './orders/stats.ts';

/** The longest the kitchen's load is kept up to date from events alone. */
const KITCHEN_REREAD_MS = 60_000;

export interface Services {
  db: Database;
  bus: EventBus;
  orders: OrderService;
  queries: OrderQueries;
  eventLog: EventLog;
  kitchen: LiveCache<KitchenLoad>;
  /** Every live view of orders: its own events by key, and one look at estimates per burst of events for all. */
  watch: OrderWatch;
  stats: LiveCache<Stats>;
  pickupBoard: LiveCache<PickupBoard>;
  clock: () => Date;
  timeZone: string;
  kitchenSettings: KitchenSettings;
  restaurant: Restaurant;
  /** How long a delivery takes once it has left. */
  deliveryMinutes: number;
  limits: Limits;
  logger: Logger;
  /** Live readings shared by everyone following the same order, or the same customer's orders. */
  followed: { orders: SharedStreams<number, OrderWithItems>; customers: SharedStreams<string, OrderWithItems[]> };
}

export function createServices(options: {
  db: Database;
  bus: EventBus;
  timeZone: string;
  kitchenSettings: KitchenSettings;
  restaurant: Restaurant;
  deliveryMinutes: number;
  limits?: Limits;
  logger: Logger;
  clock?: () => Date;
}): Services {
  const { db, bus, timeZone, kitchenSettings, restaurant, deliveryMinutes, limits = DEFAULT_LIMITS, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const kitchen = new LiveCache(bus, () => readKitchenLoad(db.read, clock()), {
    applied: (load, event) => event.order && loadAfter(load, event.order),
    // The pace counts the tickets finished in the last two hours: read again now and then, as it ages without events.
    maxAgeMs: KITCHEN_REREAD_MS,
  });
  return {
    db,
    bus,
    kitchen,
    watch: new OrderWatch(bus, kitchen, clock, logger),
    stats: new LiveCache(bus, () => readStats(db.read, clock(), timeZone)),
    pickupBoard: new LiveCache(bus, () => readPickupBoard(db.read, clock())),
    orders: new OrderService({ db, bus, kitchen, timeZone, rules: kitchenSettings, logger, clock }),
    queries: new OrderQueries(db.read),
    eventLog: sharedLogReads(eventLog(db, logger), bus),
    clock,
    timeZone,
    kitchenSettings,
    restaurant,
    deliveryMinutes,
    limits,
    logger,
    followed: { orders: new SharedStreams(), customers: new SharedStreams() },
  };
}
