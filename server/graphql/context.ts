// The per-operation context: who is asking, and the services to answer with.
import type DataLoader from 'dataloader';
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
  /** Order lookups by id, batched with those made in the same tick (OrderQueries.batched). */
  orders: DataLoader<number, OrderWithItems | null>;
}

export function createContext(actor: Actor, services: Services, origin: string, address: string): Context {
  return {
    actor,
    services,
    origin,
    address,
    orders: services.queries.batched,
  };
}
