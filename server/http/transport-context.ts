// What each transport tells Yoga about a request before its context is built.
import type { Actor } from '../auth/actor.ts';

export interface TransportContext {
  /** The client's address (client-address.ts). */
  address: string;
  /** graphql-ws authenticates in connection_init and passes the actor on. */
  actor?: Actor;
  origin?: string;
}

