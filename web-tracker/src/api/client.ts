// The page's one GraphQL client: queries and mutations over HTTP, subscriptions over graphql-ws,
// both on /graphql of the origin that served the page. Customers send no token.
import { Client, cacheExchange, fetchExchange, subscriptionExchange, type ExecutionResult } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { watchNetwork } from '../browser/network.ts';
import { connectionStore, type ConnectionStore } from './connection.ts';
import { retryDelay, wakeableWaits } from './retry.ts';

/** The client pings this often so a silently dead network (a phone leaving Wi-Fi) is noticed. */
const PING_EVERY_MS = 10_000;
/** A ping not answered this fast means the socket is dead: drop it and let the retries begin. */
const PONG_WITHIN_MS = 4_000;

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

/** One open subscription, and whether it has had the server's reading since the socket came up. */
interface View {
  fresh: boolean;
}

export function createApi(location: Pick<Location, 'protocol' | 'host' | 'origin'> = window.location): Api {
  const connection = connectionStore();
  const waits = wakeableWaits();
  const views = new Set<View>();
  let socketUp = false;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  // "Live" is said only once every view is exact again: each subscription's first result after a
  // (re)connect is the server's current reading (every customer subscription starts with one).
  const checkSynced = () => {
    if (socketUp && [...views].every((view) => view.fresh)) connection.dispatch({ type: 'synced' });
  };

  const ws: WsClient = createWsClient({
    url: graphqlWsUrl(location),
    // Never give up while the page is open. graphql-ws's default retries only close events, and a
    // refused connection raises an error first: one refusal would end live updates for good.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => waits.wait(retryDelay(retries)),
    keepAlive: PING_EVERY_MS,
    on: {
      connecting: () => connection.dispatch({ type: 'connecting' }),
      connected: () => {
        socketUp = true;
        for (const view of views) view.fresh = false;
        connection.dispatch({ type: 'connected' });
      },
      closed: () => {
        socketUp = false;
        clearTimeout(pongTimer);
        connection.dispatch({ type: 'closed', liveViews: views.size, at: Date.now() });
      },
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => ws.terminate(), PONG_WITHIN_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  watchNetwork({
    offline() {
      connection.dispatch({ type: 'offline', at: Date.now() });
      // The socket may not notice for a long while; drop it, so the retries begin now.
      if (socketUp) ws.terminate();
    },
    online() {
      connection.dispatch({ type: 'online' });
      waits.wakeAll();
    },
    visible(hiddenForMs) {
      waits.wakeAll();
      // A hidden page's timers (the heartbeat among them) may have been frozen: start afresh
      // rather than trust a socket nobody has checked.
      if (socketUp && hiddenForMs > PING_EVERY_MS) ws.terminate();
    },
  });

  const subscribe: Transport['subscribe'] = (request, sink) => {
    const view: View = { fresh: false };
    views.add(view);
    let stopped = false;
    let attempt = 0;
    let dispose = () => {};
    const leave = () => {
      views.delete(view);
      checkSynced();
    };
    const start = () => {
      dispose = ws.subscribe<Record<string, unknown>, Record<string, unknown>>(request, {
        next: (result) => {
          attempt = 0;
          view.fresh = true;
          sink.next(result);
          checkSynced();
        },
        error: (error) => {
          // A list of GraphQL errors is the server's answer (an unknown code): the view ends.
          if (Array.isArray(error) || stopped) {
            leave();
            return sink.error(error);
          }
          // A close graphql-ws counts as fatal (a server error while restarting): start again.
          view.fresh = false;
          void waits.wait(retryDelay(attempt++)).then(() => stopped || start());
        },
        complete: () => {
          leave();
          sink.complete();
        },
      });
    };
    start();
    return () => {
      stopped = true;
      leave();
      dispose();
    };
  };

  const client = graphqlClient({ url: `${location.origin}/graphql`, subscribe });
  return { client, connection };
}
