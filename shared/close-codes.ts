// graphql-ws close codes as Orderline uses them, shared by the server and its clients.

/**
 * A connection refused for now by a rate limit (too many refused tokens from one address): wait,
 * then reconnect. graphql-ws uses the same code for a second connection_init, its own "too many".
 */
export const RATE_LIMITED_CLOSE = 4429;
