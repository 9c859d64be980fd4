// graphql-ws close codes Orderline adds to the protocol's own, shared by the server and its clients.

/** A connection refused for now by a rate limit (too many refused tokens from one address): wait, then reconnect. */
export const RATE_LIMITED_CLOSE = 4429;
