// A real urql client whose HTTP and graphql-ws ends are in the test's hands: queries and
// mutations are answered by `answer`, subscriptions are pushed with `push`, and the connection
// state is driven with `connection.dispatch`, as graphql-ws's events drive it in the page.
// (The DOM lib reference is for the root typecheck, which has no DOM; these tests render.)
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';
import { graphqlClient } from '../../web-tracker/src/api/client.ts';
import { connectionStore } from '../../web-tracker/src/api/connection.ts';
import { ConnectionContext } from '../../web-tracker/src/api/live.ts';

export interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
}

type Sink = Parameters<Parameters<typeof graphqlClient>[0]['subscribe']>[1];

export function fakeApi(answer: (sent: Sent) => unknown) {
  const sent: Sent[] = [];
  const subscriptions = new Map<number, { operationName: string; variables: Record<string, unknown>; sink: Sink }>();
  let nextId = 0;
  const connection = connectionStore();

  const client = graphqlClient({
    url: 'http://orderline.test/graphql',
    fetch: async (_url, init) => {
      const body = JSON.parse(init?.body as string) as Sent; // urql posts JSON text
      sent.push(body);
      const answered = answer(body);
      // A whole Response stands for an answer that is not data: an HTTP error, a refusal.
      if (answered instanceof Response) return answered;
      return new Response(JSON.stringify({ data: answered }), { headers: { 'content-type': 'application/json' } });
    },
    subscribe(request, sink) {
      const id = nextId++;
      const operationName = /subscription (\w+)/.exec(request.query)?.[1] ?? '';
      subscriptions.set(id, { operationName, variables: request.variables ?? {}, sink });
      return () => void subscriptions.delete(id);
    },
  });

  return {
    client,
    connection,
    sent,
    /** The open subscriptions' operation names. */
    live: () => [...subscriptions.values()].map((subscription) => subscription.operationName),
    /** Pushes a result to every open subscription, as the server does over graphql-ws. */
    push(result: { data?: Record<string, unknown>; errors?: never[] }) {
      for (const subscription of subscriptions.values()) subscription.sink.next(result);
    },
    render(ui: ReactNode) {
      return render(
        <Provider value={client}>
          <ConnectionContext.Provider value={connection}>{ui}</ConnectionContext.Provider>
        </Provider>,
      );
    },
  };
}
