// Mounts a full-screen client: the live data, the actions its keys take, and Ink. Ends when the
// user quits (exit 0), or with the error and exit code of what no retry can fix.
import { randomUUID } from 'node:crypto';
import { render } from 'ink';
import { useSyncExternalStore, type ReactElement } from 'react';
import type { Api } from '../api/client.ts';
import type { ResultOf } from '../api/graphql.ts';
import { AdvanceOrder, CancelOrder, OpenOrders, Stats } from '../api/operations.ts';
import { expectSuccess } from '../api/results.ts';
import { interruption } from '../follow.ts';
import { KitchenScreen } from './kitchen-screen.tsx';
import { LiveQuery, type EventFilter, type LiveState } from './live-query.ts';
import { QueueScreen, type Queue } from './queue-screen.tsx';
import { KITCHEN_STATUSES, OPEN_STATUSES, type Order } from './tickets.ts';
import type { Feedback } from './use-feedback.ts';

export async function runKitchen(api: Api, stations: string[]): Promise<void> {
  // READY orders come along for the strip of numbers waiting at the pass.
  const filter = { statuses: [...KITCHEN_STATUSES, 'READY' as const], stations };
  const live = new LiveQuery(api, async (client) => (await openOrders(client, filter)).orders, { stations } satisfies EventFilter);
  await runScreen(live, (state) => <KitchenScreen live={state} stations={stations} bump={advancer(api, live)} />);
}

export async function runQueue(api: Api): Promise<void> {
  const live = new LiveQuery<Queue>(api, async (client) => {
    const [open, { stats }] = await Promise.all([openOrders(client, { statuses: [...OPEN_STATUSES] }), client.query(Stats, {})]);
    return { ...open, stats };
  });
  const cancel = (order: Order, reason: string) => change(live, () => api.mutate(CancelOrder, { ...versioned(order), reason }).then((r) => r.cancelOrder));
  await runScreen(live, (state) => <QueueScreen live={state} advance={advancer(api, live)} cancel={cancel} />);
}

async function openOrders(api: Api, filter: { statuses: Order['status'][]; stations?: string[] }): Promise<{ orders: Order[]; more: boolean }> {
  const { orders } = await api.query(OpenOrders, { filter });
  return { orders: orders.edges.map((edge) => edge.node), more: orders.pageInfo.hasNextPage };
}

/** One step along: a bump on the kitchen screen, "advance" in the queue. */
function advancer(api: Api, live: LiveQuery<unknown>) {
  return (order: Order) => change(live, () => api.mutate(AdvanceOrder, versioned(order)).then((r) => r.advanceOrder));
}

/** A change made from a screen applies to the order as the screen showed it, and only once. */
function versioned(order: Order) {
  return { number: order.number, expectedVersion: order.version, idempotencyKey: randomUUID() };
}

type Change = ResultOf<typeof AdvanceOrder>['advanceOrder'] | ResultOf<typeof CancelOrder>['cancelOrder'];

/** Sends a change and says what came of it; a refusal (changed elsewhere, say) reloads the screen. */
async function change(live: LiveQuery<unknown>, send: () => Promise<Change>): Promise<Feedback> {
  try {
    const { order: now, event } = expectSuccess(await send()) as Extract<Change, { __typename: 'OrderChange' }>;
    return { ok: true, message: event ? `#${now.number} → ${now.status}` : `#${now.number} is already ${now.status}` };
  } catch (error) {
    void live.refresh();
    throw error;
  }
}

async function runScreen<T>(live: LiveQuery<T>, screen: (state: LiveState<T>) => ReactElement): Promise<void> {
  const interrupt = interruption();
  function Live() {
    return screen(useSyncExternalStore(live.subscribe, live.getSnapshot));
  }
  const app = render(<Live />, { exitOnCtrlC: true });
  const following = live.run(interrupt.signal);
  try {
    // Quitting stops following; a failure of following ends the screen.
    await Promise.race([app.waitUntilExit(), following]);
  } finally {
    interrupt.abort();
    app.unmount();
  }
  await following;
}
