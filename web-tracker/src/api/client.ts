// The page's one GraphQL client: queries and mutations over HTTP, subscriptions over graphql-ws,
// both on /graphql of the origin that served the page. Customers send no token.
import { Client, cacheExchange, fetchExchange, subscriptionExchange, type ExecutionResult } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { connectionStore, type ConnectionStore } from './connection.ts';

/** The client pings this often so a silently dead network (a phone leaving Wi-Fi) is noticed. */
const PING_EVERY_MS = 15_000;
/** A ping not answered this fast means the socket is dead: drop it and let the retries begin. */
const PONG_WITHIN_MS = 5_000;

export interface Api {
  client: Client;
  connection: ConnectionStore;
}

/** How the client reaches the server; tests pass their own. */
export interface Transport {
  url: string;
  /** Starts one subscription; returns what stops it. */
  subscribe: (request: { query: string; variables?: Record<string, unknown> }, sink: Sink) => () => void;
  fetch?: typeof fetch;
}

type Sink = { next(result: ExecutionResult): void; error(error: unknown): void; complete(): void };

/** The urql client over a transport: queries and mutations by HTTP POST, subscriptions by the socket. */
export function graphqlClient({ url, subscribe, fetch }: Transport): Client {
  return new Client({
    url,
    fetch,
    // POST, not GET: nothing here is worth caching on the way, and tracking codes stay out of logs.
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
      fetchExchange,
    ],
  });
}

export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

export function createApi(location: Pick<Location, 'protocol' | 'host' | 'origin'> = window.location): Api {
  const connection = connectionStore();
  let liveViews = 0;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const ws: WsClient = createWsClient({
    url: graphqlWsUrl(location),
    // A customer may keep the page open through a long outage: keep retrying, with graphql-ws's
    // default jittered exponential backoff so a restarted server is not stampeded.
    retryAttempts: Number.POSITIVE_INFINITY,
    keepAlive: PING_EVERY_MS,
    on: {
      connecting: () => connection.dispatch({ type: 'connecting' }),
      connected: () => connection.dispatch({ type: 'connected' }),
      closed: () => {
        clearTimeout(pongTimer);
        connection.dispatch({ type: 'closed', liveViews });
      },
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => ws.terminate(), PONG_WITHIN_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  const subscribe: Transport['subscribe'] = (request, sink) => {
    // Counted so that a socket closing under an open view reads as "reconnecting", while
    // graphql-ws closing an unused socket does not.
    liveViews++;
    let open = true;
    const end = () => {
      if (open) liveViews--;
      open = false;
    };
    const dispose = ws.subscribe<Record<string, unknown>, Record<string, unknown>>(request, {
      next: (result) => sink.next(result),
      error: (error) => {
        end();
        sink.error(error);
      },
      complete: () => {
        end();
        sink.complete();
      },
    });
    return () => {
      end();
      dispose();
    };
  };

  const client = graphqlClient({ url: `${location.origin}/graphql`, subscribe });
  return { client, connection };
}
