// How often one visitor may do the expensive or dangerous things: place orders without a staff
// token (per address), present wrong tokens (per address) and make changes (per staff token). One
// server counts in memory; several servers sharing a Redis (--redis) share one count, so a load
// balancer spreading a visitor's requests does not multiply their allowance.
import type { Plugin } from 'graphql-yoga';
import { getOperationAST, GraphQLError, Kind, OperationTypeNode, type DocumentNode, type SelectionSetNode } from 'graphql';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Actor } from '../auth/actor.ts';
import type { Limits } from '../limits.ts';

/** Every limit here counts per minute. */
const WINDOW_SECONDS = 60;
/** How long a count may wait for Redis before the server counts in memory instead. */
const REDIS_TIMEOUT_MS = 500;

/** One kind of allowance: its points per minute and what a person is told when it runs out. */
export interface RateLimit {
  /** Spends `points` for `key`; throws the RATE_LIMITED error when that goes over the allowance. */
  spend(key: string, points?: number): Promise<void>;
  /** Throws the RATE_LIMITED error when `key` has already spent more than its allowance. */
  refuseIfExhausted(key: string): Promise<void>;
}

export interface RateLimits {
  /** Orders placed without a staff token, per address. */
  orders: RateLimit;
  /** Refused tokens, per address. */
  failedLogins: RateLimit;
  /** Changes (mutation fields), per staff token. */
  mutations: RateLimit;
  close(): Promise<void>;
}

/** What a person is told before "try again in 40 s". */
const TOO_MANY = {
  orders: 'too many orders from this network; ',
  failedLogins: 'too many refused tokens from this network; check ORDERLINE_TOKEN, then ',
  mutations: 'too many changes with this token; ',
} as const;

const LIMIT_OF = { orders: 'orders-per-minute', failedLogins: 'failed-logins-per-minute', mutations: 'mutations-per-minute' } as const;

/**
 * The allowances of one server. With `redisUrl`, counted in Redis under `namespace` (the database's
 * identity, so test databases sharing a Redis never share counts); while Redis is unreachable each
 * server counts in memory instead, so an outage never blocks orders.
 */
export function createRateLimits(limits: Limits, options: { redisUrl?: string; namespace: string; logger: Logger }): RateLimits {
  // No offline queue and a command timeout: while Redis is down or hung, a count fails at once
  // (or within the timeout) and the memory insurance answers, instead of the request waiting.
  const redis = options.redisUrl ? new Redis(options.redisUrl, { enableOfflineQueue: false, commandTimeout: REDIS_TIMEOUT_MS }) : undefined;
  // ioredis reports a refused connection as an error event; unheard, Node would end the process.
  redis?.on('error', (error: Error) => options.logger.debug({ err: error }, 'rate limits: Redis unreachable; counting in memory'));

  function limiter(kind: keyof typeof TOO_MANY): RateLimit {
    const points = limits[LIMIT_OF[kind]];
    const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS });
    const store: RateLimiterAbstract = redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `orderline:${options.namespace}:limit:${kind}`, points, duration: WINDOW_SECONDS, insuranceLimiter: memory })
      : memory;
    return {
      async spend(key, spent = 1) {
        await store.consume(key, spent).catch((refusal: unknown) => {
          throw refusal instanceof RateLimiterRes ? rateLimited(TOO_MANY[kind], refusal) : refusal;
        });
      },
      async refuseIfExhausted(key) {
        const state = await store.get(key);
        if (state && state.consumedPoints > points) throw rateLimited(TOO_MANY[kind], state);
      },
    };
  }

  return {
    orders: limiter('orders'),
    failedLogins: limiter('failedLogins'),
    mutations: limiter('mutations'),
    async close() {
      redis?.disconnect();
    },
  };
}

function rateLimited(tooMany: string, state: RateLimiterRes): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new GraphQLError(`${tooMany}try again in ${retryAfterSeconds} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } } },
  });
}

/**
 * Spends a mutation's allowance before it runs: each root field of a staff token's mutation is
 * one change; each `placeOrder` without a staff token is one order from the client's address.
 * Counted per field, not per request, so aliases cannot pack many changes into one.
 */
export function useRateLimits(rateLimits: RateLimits): Plugin<{ actor: Actor; address: string }> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      // Envelop types its arguments loosely (any); these are graphql-js's own.
      const document = args.document as DocumentNode;
      const operation = getOperationAST(document, args.operationName as string | null | undefined);
      if (operation?.operation !== OperationTypeNode.MUTATION) return;
      const { actor, address } = args.contextValue;
      const fields = rootFields(document, operation.selectionSet);
      try {
        if (actor.kind === 'staff') await rateLimits.mutations.spend(String(actor.tokenId), fields.length);
        else if (actor.kind === 'customer') {
          const orders = fields.filter((name) => name === 'placeOrder').length;
          if (orders) await rateLimits.orders.spend(address, orders);
        }
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [error] });
      }
    },
  };
}

/** The root field names a selection runs, fragments followed (validation has ruled out cycles). */
function rootFields(document: DocumentNode, selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(document, selection.selectionSet);
    const fragment = document.definitions.find((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFields(document, fragment.selectionSet) : [];
  });
}
