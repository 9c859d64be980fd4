// The per-operation context: who is asking, and the services to answer with.
import DataLoader from 'dataloader';
import type { Actor } from '../auth/actor.ts';
import type { OrderWithItems } from '../orders/service.ts';
import type { Services } from '../services.ts';

export interface Context {
  actor: Actor;
  services: Services;
  /** Batches order lookups within one execution; no cache, so live events always see fresh rows. */
  orders: DataLoader<number, OrderWithItems | null>;
}

export function createContext(actor: Actor, services: Services): Context {
  return {
    actor,
    services,
    orders: new DataLoader((ids) => services.queries.byIds(ids), { cache: false }),
  };
}
