// What each transport tells Yoga about a request before its context is built.
import type { Actor } from '../auth/actor.ts';

export interface TransportContext {
  /** Which transport the operation came over: subscriptions are served over graphql-ws only. */
  transport: 'http' | 'ws';
  /** The client's address (client-address.ts). */
  address: string;
  /** Who is asking, authenticated before Yoga parses the operation. */
  actor: Actor;
  /** Set when the credentials were refused (or could not be checked): the operation is answered with this error. */
  refusal?: Error;
  /** graphql-ws passes the origin clients reached it at. */
  origin?: string;
}

