// The manager's queue: every open order in one table with live counters per status and today's
// totals, sorted and filtered as the manager likes. Managers open an order's detail and history,
// move it on, set any status the lifecycle allows, or cancel it with a reason, without leaving the
// screen; staff notifications (new orders, cancellations, late tickets) ring and show as a line.
import { Box, Text, useApp } from 'ink';
import type { ResultOf } from '../../shared/graphql.ts';
import type { Stats } from '../api/operations.ts';
import { fitKeys, Message, PageNote } from './footer.tsx';
import { typed } from './typing.ts';
import { Header } from './header.tsx';
import type { LiveState } from './live-query.ts';
import { bumpLabel, countByStatus, destination, earlierDay, elapsed, matchesSearch, newestDay, OPEN_STATUSES, pageOf, urgency, workOrder, type Order, type Urgency } from './tickets.ts';
import { useFeedback, type Feedback } from './use-feedback.ts';
import type { HistoryEntry } from './actions.ts';
import { useNow } from '../../shared/use-now.ts';
import { useKeyState } from './use-key-state.ts';
import { useKeys } from './use-keys.ts';
import { useSelection } from './use-selection.ts';
import { useTerminalSize } from './use-terminal-size.ts';
import { STATUS_COLOR, time } from '../output.ts';
import { checkTransition, IN_KITCHEN, ORDER_STATUSES, type OrderStatus } from '../../shared/lifecycle.ts';
import { OrderDetail } from './order-detail.tsx';

export interface Queue {
  orders: Order[];
  stats: ResultOf<typeof Stats>['stats'];
  /** Staff notifications since the screen started, the latest last. */
  notices: { message: string; at: number }[];
}

export interface QueueScreenProps {
  live: LiveState<Queue>;
  advance: (order: Order) => Promise<Feedback>;
  setStatus: (order: Order, status: OrderStatus) => Promise<Feedback>;
  cancel: (order: Order, reason: string) => Promise<Feedback>;
  /** The order's event history, oldest first. */
  history: (order: Order) => Promise<HistoryEntry[]>;
}

/** The orders as the manager sorts them: the kitchen's working order, by due time, or by status. */
const SORTS = {
  age: workOrder,
  due: (a: Order, b: Order) => Date.parse(a.estimatedReadyAt ?? a.promisedAt) - Date.parse(b.estimatedReadyAt ?? b.promisedAt) || workOrder(a, b),
  status: (a: Order, b: Order) => ORDER_STATUSES.indexOf(a.status) - ORDER_STATUSES.indexOf(b.status) || workOrder(a, b),
} as const;
type Sort = keyof typeof SORTS;
const NEXT_SORT: Record<Sort, Sort> = { age: 'due', due: 'status', status: 'age' };

/** What is open over the table: a prompt or a view, each for the order chosen when it opened. */
type Mode =
  | { kind: 'table' }
  | { kind: 'cancel'; order: Order; reason: string }
  | { kind: 'status'; order: Order }
  | { kind: 'detail'; order: Order }
  | { kind: 'find'; query: string };

const URGENCY_MARK: Record<Urgency, string> = { 'on-time': ' ', 'due-soon': '!', late: '‼' };
/** Lines around the table (two of header, counters, today, column names, pages, prompt, notice,
 * message, keys), and one spare: a frame as tall as the terminal makes Ink redraw the whole screen each second. */
const CHROME_LINES = 12;
/** The columns and their widths, one space apart included; FOR's is the most it takes. */
const COLUMNS = [
  ['#', 5],
  // The urgency mark, a space and the longest status: a status is never cut.
  ['STATUS', 2 + Math.max(...OPEN_STATUSES.map((status) => status.length)) + 1],
  ['FOR', 24],
  ['ITEMS', 6],
  ['AGE', 9],
  ['DUE', 14],
] as const;
/** On a narrow terminal FOR gives way first (a long name is cut), down to this. */
const LEAST_FOR_WIDTH = 10;

type Columns = (readonly [name: string, width: number])[];

/** The columns on a terminal `terminalWidth` wide: the row fits while FOR can give way. */
function columnsFor(terminalWidth: number): Columns {
  const room = COLUMNS.reduce((left, [name, width]) => (name === 'FOR' ? left : left - width), terminalWidth);
  return COLUMNS.map(([name, width]) => [name, name === 'FOR' ? Math.max(LEAST_FOR_WIDTH, Math.min(width, room)) : width]);
}

export function QueueScreen({ live, advance, setStatus, cancel, history }: QueueScreenProps) {
  const { exit } = useApp();
  const now = useNow();
  const { feedback, act, show } = useFeedback();
  const sort = useKeyState<Sort>('age');
  const filter = useKeyState('');
  // Key state, like the selection, so keys typed in one burst see each other.
  const mode = useKeyState<Mode>({ kind: 'table' });
  const orders = (live.data?.orders ?? []).filter((order) => matchesSearch(order, filter.value)).sort(SORTS[sort.value]);
  const newest = newestDay(orders);
  const selection = useSelection(orders);
  const selected = selection.drawnIndex;
  const order = orders[selected];
  const terminal = useTerminalSize();
  const columns = columnsFor(terminal.columns);
  const perPage = Math.max(1, terminal.rows - CHROME_LINES);
  const [start, end] = pageOf(selected, perPage, orders.length);
  const shownMode = mode.value;
  const gone = shownMode.kind === 'cancel' && !orders.some((o) => o.id === shownMode.order.id);

  /** The order a prompt was opened for, as it is now, if it is still open. */
  const current = (chosen: Order) => (live.data?.orders ?? []).find((o) => o.id === chosen.id) ?? selection.find(chosen.id);

  function confirmCancel(open: Extract<Mode, { kind: 'cancel' }>): void {
    // A cancellation needs a reason the customer can be told.
    if (!open.reason.trim()) return show({ ok: false, message: 'type the reason first: the customer is told why their order was cancelled' });
    const now = current(open.order);
    if (!now) {
      show({ ok: false, message: `#${open.order.number} is no longer open; nothing was cancelled` });
      mode.set({ kind: 'table' });
    } else if (act(now.id, () => cancel(now, open.reason.trim()))) {
      mode.set({ kind: 'table' });
    } else {
      show({ ok: false, message: `a change to #${now.number} is still on its way; press Enter again to cancel it` });
    }
  }

  useKeys((input, key) => {
    const open = mode.current();
    if (open.kind === 'cancel') {
      if (key.escape) return mode.set({ kind: 'table' });
      if (key.return) return confirmCancel(open);
      return mode.set({ ...open, reason: typed(open.reason, input, key) });
    }
    if (open.kind === 'find') {
      if (key.escape) {
        filter.set('');
        return mode.set({ kind: 'table' });
      }
      if (key.return) return mode.set({ kind: 'table' });
      const query = typed(open.query, input, key);
      filter.set(query);
      return mode.set({ kind: 'find', query });
    }
    if (open.kind === 'status') {
      if (key.escape) return mode.set({ kind: 'table' });
      const to = allowedStatuses(open.order)[Number(input) - 1];
      if (!to) return;
      const now = current(open.order);
      if (to === 'CANCELLED' && now) return mode.set({ kind: 'cancel', order: now, reason: '' });
      mode.set({ kind: 'table' });
      if (now) act(now.id, () => setStatus(now, to));
      return;
    }
    // Not Esc: it closes what is open, and a second press (or one a moment late) must not quit
    // the screen from under the manager.
    if (input === 'q') return exit();
    if (open.kind === 'detail') {
      if (key.escape || key.return) mode.set({ kind: 'table' });
      return;
    }
    if (key.escape && filter.current()) return filter.set('');
    if (key.upArrow || input === 'k') return selection.move(-1);
    if (key.downArrow || input === 'j') return selection.move(1);
    if (input === 't') return sort.set(NEXT_SORT[sort.current()]);
    if (input === '/') return mode.set({ kind: 'find', query: filter.current() });
    const target = selection.latest();
    if (!target) return;
    if (key.return || input === 'o') return mode.set({ kind: 'detail', order: target });
    if (input === 'a') act(target.id, () => advance(target));
    if (input === 's') mode.set({ kind: 'status', order: target });
    if (input === 'c') mode.set({ kind: 'cancel', order: target, reason: '' });
  });

  const stats = live.data?.stats;
  const next = order ? bumpLabel(order.nextStatus) : null;
  const notice = live.data?.notices.at(-1);
  const detail = shownMode.kind === 'detail' ? (current(shownMode.order) ?? shownMode.order) : null;
  return (
    <Box flexDirection="column">
      <Header title={`Orderline queue · ${stats?.open ?? orders.length} open · sorted by ${sort.value}${filter.value ? ` · matching “${filter.value}”` : ''}`} live={live} now={now} />
      <Text>
        {countByStatus(orders, stats?.byStatus).map(({ status, count }) => (
          <Text key={status}>
            <Text color={STATUS_COLOR[status]}>{status}</Text> {count}
            {'   '}
          </Text>
        ))}
        {/* The server's count, as `orderline stats` gives it: over every open order, not only those loaded. */}
        <Text color="red">late {stats?.late ?? 0}</Text>
      </Text>
      {stats && (
        <Text dimColor>
          today: {stats.placedToday} placed · {stats.completedToday} completed · {stats.cancelledToday} cancelled
          {stats.averageReadyMinutes !== null ? ` · ${Math.round(stats.averageReadyMinutes)} min to ready on average` : ''}
        </Text>
      )}
      {detail ? (
        <OrderDetail order={detail} history={history} />
      ) : (
        <>
          <Text bold wrap="truncate-end">
            {columns.map(([name, width]) => name.padEnd(width)).join('')}
          </Text>
          {orders.slice(start, end).map((row, index) => (
            <Text key={row.id} inverse={start + index === selected} wrap="truncate-end">
              {cells(row, now, earlierDay(row, newest), columns)}
            </Text>
          ))}
          <PageNote start={start} end={end} total={orders.length} noun="orders" />
          {live.data && orders.length === 0 && <Text dimColor>{filter.value ? `No open order matches “${filter.value}”.` : 'No open orders.'}</Text>}
        </>
      )}
      {shownMode.kind === 'cancel' && (
        <Text>
          <Text color="yellow">Cancel #{shownMode.order.number}, because: </Text>
          {shownMode.reason}
          <Text inverse> </Text>
          {gone && <Text color="red"> (#{shownMode.order.number} is no longer open)</Text>}
        </Text>
      )}
      {shownMode.kind === 'status' && (
        <Text>
          <Text color="yellow">Set #{shownMode.order.number} to: </Text>
          {allowedStatuses(shownMode.order).map((status, i) => `${i + 1} ${status}`).join('   ')}
        </Text>
      )}
      {shownMode.kind === 'find' && (
        <Text>
          <Text color="yellow">Find: </Text>
          {shownMode.query}
          <Text inverse> </Text>
        </Text>
      )}
      {notice && now - notice.at < NOTICE_MS && <Text color="magenta">🔔 {notice.message}</Text>}
      <Message feedback={feedback} />
      <Text dimColor wrap="truncate-end">
        {footer(shownMode, next && order ? `${next} #${order.number}` : null, order, terminal.columns)}
      </Text>
    </Box>
  );
}

/** How long a staff notification stays on its line. */
const NOTICE_MS = 60_000;

/** Every status the lifecycle lets this order go to now. */
function allowedStatuses(order: Order): OrderStatus[] {
  return ORDER_STATUSES.filter((to) => {
    const check = checkTransition(order.type, order.status, to);
    return check.ok && !check.noop;
  });
}

function footer(mode: Mode, advance: string | null, order: Order | undefined, width: number): string {
  if (mode.kind === 'cancel') return 'Enter cancel the order · Esc keep it';
  if (mode.kind === 'status') return '1-9 set that status · Esc keep it';
  if (mode.kind === 'find') return 'type a number, dish, customer or table · Enter keep · Esc clear';
  if (mode.kind === 'detail') return 'Esc or Enter back to the queue · q quit';
  const line = fitKeys([`↑↓ select`, `Enter detail${order ? ` #${order.number}` : ''}`, `a ${advance ?? 'advance'}`, 'c cancel', 's status', '/ find', 't sort'], width);
  // Then the marks' legend, when it fits too.
  const legend = '   (* rush  ! due soon  ‼ late  +Nm behind its promise)';
  return line.length + legend.length <= width ? line + legend : line;
}

/**
 * How urgent an order is for the kitchen. One that has left it (READY at the pass, out for
 * delivery) is not marked late even past its promise: nothing more is cooked for it, and the
 * server (`orderline stats`, the order's own `late`) counts only orders still in the kitchen.
 */
function rowUrgency(order: Order, now: number): Urgency {
  return IN_KITCHEN.includes(order.status) ? urgency(order, now) : 'on-time';
}

/** `day`: the order's business day, when earlier than the newest listed. */
function cells(order: Order, now: number, day: string | null, columns: Columns): string {
  const due = order.estimatedReadyAt ?? order.promisedAt;
  const late = order.minutesLate > 0 ? ` +${order.minutesLate}m` : '';
  const values = [
    `${order.number}${order.rush ? '*' : ''}`,
    `${URGENCY_MARK[rowUrgency(order, now)]} ${order.status}`,
    destination(order),
    String(order.items.reduce((sum, item) => sum + item.quantity, 0)),
    elapsed(order.placedAt, now),
    day ? `${day} ${time(due)}` : `${time(due)}${late}`,
  ];
  return values.map((value, i) => value.slice(0, columns[i]![1] - 1).padEnd(columns[i]![1])).join('');
}
