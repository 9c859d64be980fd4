// Mounts a full-screen client: the live data, the actions its keys take, and Ink. Ends when the
// user quits (exit 0), or with the error and exit code of what no retry can fix.
import { enterAlternativeScreen, exitAlternativeScreen } from 'ansi-escapes';
import { render } from 'ink';
import { useSyncExternalStore, type ReactElement } from 'react';
import type { Api } from '../api/client.ts';
import { OpenOrders, Stats } from '../api/operations.ts';
import { CliError, EXIT } from '../errors.ts';
import { interruption } from '../follow.ts';
import { screenActions } from './actions.ts';
import { KitchenScreen } from './kitchen-screen.tsx';
import { LiveQuery, type EventFilter, type LiveState } from './live-query.ts';
import { QueueScreen, type Queue } from './queue-screen.tsx';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';
import { OPEN_STATUSES, type Order } from './tickets.ts';

export async function runKitchen(api: Api, stations: string[]): Promise<void> {
  // READY orders come along for the strip of numbers waiting at the pass.
  const filter = { statuses: [...IN_KITCHEN, 'READY' as const], stations };
  const live = new LiveQuery(api, async (client) => (await openOrders(client, filter)).orders, { stations } satisfies EventFilter);
  const { advance } = screenActions(api, () => live.refresh());
  await runScreen(live, (state) => <KitchenScreen live={state} stations={stations} bump={advance} />);
}

export async function runQueue(api: Api): Promise<void> {
  const live = new LiveQuery<Queue>(api, async (client) => {
    const [open, { stats }] = await Promise.all([openOrders(client, { statuses: [...OPEN_STATUSES] }), client.query(Stats, {})]);
    return { ...open, stats };
  });
  const { advance, cancel } = screenActions(api, () => live.refresh());
  await runScreen(live, (state) => <QueueScreen live={state} advance={advance} cancel={cancel} />);
}

async function openOrders(api: Api, filter: { statuses: Order['status'][]; stations?: string[] }): Promise<{ orders: Order[]; more: boolean }> {
  const { orders } = await api.query(OpenOrders, { filter });
  return { orders: orders.edges.map((edge) => edge.node), more: orders.pageInfo.hasNextPage };
}

async function runScreen<T>(live: LiveQuery<T>, screen: (state: LiveState<T>) => ReactElement): Promise<void> {
  const interrupt = interruption();
  function Live() {
    return screen(useSyncExternalStore(live.subscribe, live.getSnapshot));
  }
  // A screen of its own, as full-screen programs have: the shell's scrollback is left as it was.
  process.stdout.write(enterAlternativeScreen);
  // Ctrl-C arrives as a key in raw mode; useKeys turns it into an interruption.
  const app = render(<Live />, { exitOnCtrlC: false });
  const following = live.run(interrupt.signal);
  following.catch(() => undefined); // once the user has quit, what following meets no longer matters
  try {
    // The user quitting, a signal, or a failure no retry fixes ends the screen.
    await Promise.race([app.waitUntilExit(), following]);
    if (interrupt.signal.aborted) throw new CliError('', EXIT.interrupted);
  } finally {
    interrupt.abort();
    app.unmount();
    process.stdout.write(exitAlternativeScreen);
  }
}
