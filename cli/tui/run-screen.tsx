// Mounts a full-screen client: the live data, the actions its keys take, and Ink. Ends when the
// user quits (exit 0), or with the error and exit code of what no retry can fix.
import { enterAlternativeScreen, exitAlternativeScreen } from 'ansi-escapes';
import { render } from 'ink';
import { useSyncExternalStore, type ReactElement } from 'react';
import type { Api } from '../api/client.ts';
import { KitchenSettings, LatestCursor, ListOrders, StaffNotifications, Stats } from '../api/operations.ts';
import { CliError, EXIT } from '../errors.ts';
import { follow, interruption } from '../follow.ts';
import { inOrderWhenLive, screenActions } from './actions.ts';
import { KitchenScreen, type Kitchen } from './kitchen-screen.tsx';
import { TicketMarks } from './ticket-marks.ts';
import { LiveQuery, type EventFilter, type LiveState } from './live-query.ts';
import { QueueScreen, type Queue } from './queue-screen.tsx';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';
import { allOrders } from './screen-data.ts';
import { printable } from '../../shared/printable.ts';
import { OPEN_STATUSES, withOrder, type Order } from './tickets.ts';

export interface KitchenOptions {
  stations: string[];
  expo: boolean;
  /** No bell for new tickets. */
  quiet: boolean;
}

export async function runKitchen(api: Api, options: KitchenOptions): Promise<void> {
  const { kitchenSettings: settings } = await api.query(KitchenSettings, {});
  const unknown = options.stations.filter((station) => !settings.stations.includes(station));
  if (unknown.length) {
    throw new CliError(`no station is called ${unknown.map((s) => `"${s}"`).join(', ')}; the menu's stations are ${settings.stations.join(', ')}`, EXIT.usage);
  }
  const { stations } = options;
  const startedAt = Date.now();
  const marks = new TicketMarks();
  // READY orders come along for the strip of numbers waiting at the pass.
  const filter = { statuses: [...IN_KITCHEN, 'READY' as const], stations };
  const marked = (orders: Order[], cancelled: Order[]): Kitchen => {
    const { marks: found, arrived } = marks.update(orders);
    if (arrived && !options.quiet) process.stdout.write('\u0007'); // the terminal's bell
    return { orders, cancelled, marks: found };
  };
  const shown = (order: Order) => filter.statuses.includes(order.status);
  const cancelledHere = cancelledSince(startedAt);
  const live = new LiveQuery<Kitchen>(
    api,
    async (client) => {
      const [orders, cancelled] = await Promise.all([allOrders(client, filter), recentlyCancelled(client, stations, startedAt)]);
      return marked(orders, cancelled);
    },
    { stations } satisfies EventFilter,
    // Each event brings its order: the screen changes that ticket alone.
    (kitchen, order) => marked(withOrder(kitchen.orders, order, shown), withOrder(kitchen.cancelled, order, cancelledHere)),
  );
  const actions = inOrderWhenLive(
    screenActions(api, { refused: () => live.refresh(), changing: (order) => marks.ownChange(order.id), changed: (order) => live.put(order) }),
    () => live.whenLive(),
  );
  await runScreen(live, (state) => <KitchenScreen live={state} settings={settings} stations={stations} expo={options.expo} actions={actions} />);
}

export async function runQueue(api: Api): Promise<void> {
  const notices: Queue['notices'] = [];
  const live = new LiveQuery<Queue>(api, async (client) => {
    const [orders, { stats }] = await Promise.all([allOrders(client, { statuses: [...OPEN_STATUSES] }), client.query(Stats, {})]);
    return { orders, stats, notices: [...notices] };
  });
  const stop = new AbortController();
  const position: { cursor?: string } = {};
  // Staff notifications from now on, through any drop, each a line on the screen and a bell.
  const notifications = follow({
    signal: stop.signal,
    onLost: () => undefined, // the header already says the connection is lost
    open: () => staffNotifications(api, position, stop.signal, (message) => {
      notices.push({ message, at: Date.now() });
      process.stdout.write('\u0007');
      void live.refresh();
    }),
  });
  const actions = screenActions(api, { refused: () => live.refresh() });
  try {
    await runScreen(live, (state) => <QueueScreen live={state} {...actions} />);
  } finally {
    stop.abort();
    await notifications.catch(() => undefined);
  }
}

/** Follows staffNotifications from the latest cursor, resuming after the last one seen. */
async function* staffNotifications(api: Api, position: { cursor?: string }, signal: AbortSignal, notice: (message: string) => void): AsyncGenerator<void> {
  position.cursor ??= (await api.query(LatestCursor, {})).latestEventCursor;
  for await (const { staffNotifications: item } of api.subscribe(StaffNotifications, { after: position.cursor }, signal)) {
    position.cursor = item.event.cursor;
    notice(printable(item.message)); // it names the customer
    yield;
  }
}

/** Whether an order was cancelled since `since` (ms): such a ticket stays on the kitchen's screen. */
const cancelledSince = (since: number) => (order: Order) => order.status === 'CANCELLED' && order.cancelledAt !== null && Date.parse(order.cancelledAt) >= since;

/** Orders cancelled since the screen started: the cook must see that they were, and why. */
async function recentlyCancelled(api: Api, stations: string[], since: number): Promise<Order[]> {
  const { orders } = await api.query(ListOrders, { filter: { statuses: ['CANCELLED'], stations }, last: 20 });
  return orders.edges.map((edge) => edge.node).filter(cancelledSince(since));
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
