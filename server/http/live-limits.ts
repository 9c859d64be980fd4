// What one client may hold open over graphql-ws. Every live operation costs a send per matching
// event, so without a bound one anonymous visitor with 10,000 subscriptions makes a single status
// change cost 10,000 sends and everyone else waits behind them.
import { GraphQLError } from 'graphql';

/**
 * What a refused upgrade tells the client to wait, in seconds: a slot frees as soon as one of the
 * address's connections closes, which a screen reconnecting after a drop does within seconds.
 */
export const CONNECTION_RETRY_AFTER_S = 10;

/** Open WebSockets per client address (client-address.ts). */
export class ConnectionsPerAddress {
  readonly #open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** True when `address` may open one more connection. */
  allows(address: string): boolean {
    return (this.#open.get(address) ?? 0) < this.limit;
  }

  /** Counts one more connection against `address`, until it is released. */
  add(address: string): void {
    this.#open.set(address, (this.#open.get(address) ?? 0) + 1);
  }

  /** One of `address`'s connections has closed. */
  release(address: string): void {
    const left = (this.#open.get(address) ?? 1) - 1;
    if (left > 0) this.#open.set(address, left);
    else this.#open.delete(address); // an address that has gone costs no memory
  }
}

/**
 * The error for an operation that would take a connection past `limit` operations in flight
 * (`open` counts it too); undefined while within it. Only that operation is refused: the others
 * and the connection go on.
 */
export function tooManyOperations(open: number, limit: number): GraphQLError | undefined {
  if (open <= limit) return undefined;
  return new GraphQLError(
    `too many live operations on this connection: at most ${limit} may run at once; complete one before starting another`,
    { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit } },
  );
}
