// The limits that keep one visitor from stalling everyone else. Each default is far above what a
// busy restaurant reaches; `--limit name=value` (or ORDERLINE_LIMITS="name=value,…") changes one.
// Plain data, apart from their parsing (config.ts), so `serve --help` can list them cheaply.

/** Every limit, its default, its smallest sensible value and what it bounds. */
export const LIMITS = {
  'query-depth': { default: 12, min: 2, about: 'how deeply one GraphQL operation may nest fields' },
  'query-aliases': { default: 30, min: 1, about: 'aliases in one operation' },
  'query-tokens': { default: 3_000, min: 100, about: 'lexical tokens in one document' },
  'query-cost': { default: 5_000, min: 100, about: 'the estimated cost of one operation' },
  'page-size': { default: 100, min: 1, about: 'items one list or page may ask for' },
  'request-bytes': { default: 1_048_576, min: 1_024, about: 'bytes in one HTTP request body' },
  'message-bytes': { default: 65_536, min: 1_024, about: 'bytes in one graphql-ws message' },
  'subscriptions-per-connection': { default: 50, min: 1, about: 'live operations on one WebSocket' },
  'connections-per-address': { default: 200, min: 1, about: 'open WebSockets from one address' },
  'orders-per-minute': { default: 30, min: 1, about: 'orders one address may place without a staff token' },
  'failed-logins-per-minute': { default: 20, min: 1, about: 'refused tokens from one address before it must wait' },
  'mutations-per-minute': { default: 1_200, min: 1, about: 'changes one staff token may make' },
} as const;

export type LimitName = keyof typeof LIMITS;
export type Limits = { [name in LimitName]: number };

export const LIMIT_NAMES = Object.keys(LIMITS) as LimitName[];

export const DEFAULT_LIMITS = Object.fromEntries(LIMIT_NAMES.map((name) => [name, LIMITS[name].default])) as Limits;
