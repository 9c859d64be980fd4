// The per-operation context: who is asking, and the services to answer with.
import DataLoader from 'dataloader';
import type { Actor } from '../auth/actor.ts';
import type { OrderWithItems } from '../db/models.ts';
import type { Services } from '../services.ts';

export interface Context {
  actor: Actor;
  services: Services;
  /** Where clients reach this server (ORDERLINE_PUBLIC_URL, else the request's own origin), for links. */
  origin: string;
  /** The client's network address (see client-address.ts), for the limits kept per address. */
  address: string;
  /** Batches order lookups made in the same tick; no cache, so live events always see fresh rows. */
  orders: DataLoader<number, OrderWithItems | null>;
}

/**
 * One batcher for all operations of a process, not one each: a live view's context lives as long
 * as its group, thousands of them (a loader is about 250 bytes), and the lookups it batches read
 * an event's order by id, the same for everyone (access is checked before an operation
 * reaches an event).
 */
/** Streams replaying at once read their events' orders in a few queries, not one IN list of thousands. */
const ORDERS_PER_READ = 100;

const batchers = new WeakMap<Services, DataLoader<number, OrderWithItems | null>>();

function ordersOf(services: Services): DataLoader<number, OrderWithItems | null> {
  let batcher = batchers.get(services);
  if (!batcher) batchers.set(services, (batcher = new DataLoader((ids) => services.queries.byIds(ids), { cache: false, maxBatchSize: ORDERS_PER_READ })));
  return batcher;
}

export function createContext(actor: Actor, services: Services, origin: string, address: string): Context {
  return {
    actor,
    services,
    origin,
    address,
    orders: ordersOf(services),
  };
}
