// The manager's queue: every open order in one table with live counters per status and today's
// totals. Managers move an order on, or cancel it with a reason, without leaving the screen.
import { Box, Text, useApp, type Key } from 'ink';
import type { ResultOf } from '../../shared/graphql.ts';
import type { Stats } from '../api/operations.ts';
import { Message, PageNote } from './footer.tsx';
import { Header } from './header.tsx';
import type { LiveState } from './live-query.ts';
import { bumpLabel, countByStatus, destination, earlierDay, elapsed, newestDay, OPEN_STATUSES, pageOf, urgency, workOrder, type Order, type Urgency } from './tickets.ts';
import { useFeedback, type Feedback } from './use-feedback.ts';
import { useNow } from '../../shared/use-now.ts';
import { useKeyState } from './use-key-state.ts';
import { useKeys } from './use-keys.ts';
import { useSelection } from './use-selection.ts';
import { useTerminalSize } from './use-terminal-size.ts';
import { STATUS_COLOR, time } from '../output.ts';
import { IN_KITCHEN } from '../../shared/lifecycle.ts';

export interface Queue {
  orders: Order[];
  stats: ResultOf<typeof Stats>['stats'];
}

export interface QueueScreenProps {
  live: LiveState<Queue>;
  advance: (order: Order) => Promise<Feedback>;
  cancel: (order: Order, reason: string) => Promise<Feedback>;
}

const URGENCY_MARK: Record<Urgency, string> = { 'on-time': ' ', 'due-soon': '!', late: '‼' };
/** Lines around the table (header, trouble, counters, today, column names, pages, more, prompt,
 * message, keys), and one spare: a frame as tall as the terminal makes Ink redraw the whole screen each second. */
const CHROME_LINES = 11;
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

export function QueueScreen({ live, advance, cancel }: QueueScreenProps) {
  const { exit } = useApp();
  const now = useNow();
  const { feedback, act, show } = useFeedback();
  const orders = [...(live.data?.orders ?? [])].sort(workOrder);
  const newest = newestDay(orders);
  const selection = useSelection(orders);
  const selected = selection.drawnIndex;
  const order = orders[selected];
  const terminal = useTerminalSize();
  const columns = columnsFor(terminal.columns);
  const perPage = Math.max(1, terminal.rows - CHROME_LINES);
  const [start, end] = pageOf(selected, perPage, orders.length);
  // The cancel prompt, while open: for the order selected when it opened, whatever moves meanwhile.
  // Key state, like the selection, so keys typed in one burst see each other.
  const prompt = useKeyState<{ order: Order; reason: string } | null>(null);
  const cancelling = prompt.value;
  const gone = cancelling !== null && !orders.some((o) => o.id === cancelling.order.id);

  useKeys((input, key) => {
    const open = prompt.current();
    if (open) {
      prompt.set(key.escape ? null : key.return ? open : { ...open, reason: typed(open.reason, input, key) });
      // A cancellation needs a reason the customer can be told: Enter waits for one.
      if (key.return && open.reason.trim()) {
        // The order as it is now (it may have moved on meanwhile), if it is still open.
        const current = selection.find(open.order.id);
        if (!current) {
          show({ ok: false, message: `#${open.order.number} is no longer open; nothing was cancelled` });
          prompt.set(null);
        } else if (act(current.id, () => cancel(current, open.reason.trim()))) {
          prompt.set(null);
        } else {
          show({ ok: false, message: `a change to #${current.number} is still on its way; press Enter again to cancel it` });
        }
      }
      return;
    }
    // Not Esc: it closes the cancel prompt, and a second press (or one a moment late) must not
    // quit the screen from under the manager.
    if (input === 'q') return exit();
    if (key.upArrow || input === 'k') return selection.move(-1);
    if (key.downArrow || input === 'j') return selection.move(1);
    const target = selection.latest();
    if (!target) return;
    if (key.return || input === 'a') act(target.id, () => advance(target));
    if (input === 'c') prompt.set({ order: target, reason: '' });
  });

  const stats = live.data?.stats;
  const next = order ? bumpLabel(order.nextStatus) : null;
  return (
    <Box flexDirection="column">
      <Header title={`Orderline queue · ${stats?.open ?? orders.length} open`} live={live} now={now} />
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
      <Text bold>{columns.map(([name, width]) => name.padEnd(width)).join('')}</Text>
      {orders.slice(start, end).map((row, index) => (
        <Text key={row.id} inverse={start + index === selected} wrap="truncate-end">
          {cells(row, now, earlierDay(row, newest), columns)}
        </Text>
      ))}
      <PageNote start={start} end={end} total={orders.length} noun="orders" />
      {live.data && orders.length === 0 && <Text dimColor>No open orders.</Text>}
      {cancelling && (
        <Text>
          <Text color="yellow">Cancel #{cancelling.order.number}, because: </Text>
          {cancelling.reason}
          <Text inverse> </Text>
          {gone && <Text color="red"> (#{cancelling.order.number} is no longer open)</Text>}
        </Text>
      )}
      <Message feedback={feedback} />
      <Text dimColor>
        {cancelling
          ? 'Enter cancel the order · Esc keep it'
          : `↑↓ select · Enter ${next && order ? `${next} #${order.number}` : 'advance'} · c cancel · q quit   (* rush  ! due soon  ‼ late)`}
      </Text>
    </Box>
  );
}

/** A line being typed, after one more key: printable text appends, Backspace takes the last character. */
function typed(text: string, input: string, key: Partial<Key>): string {
  if (key.backspace || key.delete) return [...text].slice(0, -1).join('');
  return key.ctrl || key.meta ? text : text + input;
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
