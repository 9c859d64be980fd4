// Subscriptions are served over graphql-ws only, where the live limits (subscriptions per
// connection, connections per address) are kept. Yoga would also serve them over HTTP as
// server-sent events, one stream per request and outside those limits; none of our clients use it.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { TransportContext } from './transport-context.ts';

export function useSubscriptionsOverWebSocket(): Plugin<TransportContext> {
  return {
    onSubscribe({ context, setResultAndStopExecution }) {
      if (context.transport === 'ws') return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError('subscriptions are served over graphql-ws (a WebSocket to /graphql), not over HTTP', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          }),
        ],
      });
    },
  };
}
