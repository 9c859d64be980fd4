// The kitchen display: open tickets as cards, rush and oldest first, each with its timer. One key
// bumps the selected ticket to its next status; 1–9 bump a ticket by its place, like a bump bar.
import { Box, Text, useApp } from 'ink';
import type { LiveState } from './live-query.ts';
import { Message, PageNote } from './footer.tsx';
import { Header } from './header.tsx';
import { bumpLabel, destination, earlierDay, elapsed, kitchenTickets, newestDay, pageOf, readyNumbers, urgency, type Order, type Urgency } from './tickets.ts';
import { useFeedback, type Feedback } from './use-feedback.ts';
import { useNow } from '../../shared/use-now.ts';
import { useKeys } from './use-keys.ts';
import { useSelection } from './use-selection.ts';
import { useTerminalSize } from './use-terminal-size.ts';

export interface KitchenScreenProps {
  live: LiveState<Order[]>;
  /** Only these stations' items are shown in full (all when empty). */
  stations: readonly string[];
  bump: (order: Order) => Promise<Feedback>;
}

const TICKET_WIDTH = 26;
/** Lines of items a ticket shows before "+n more": a long order must not push the others off. */
const ITEM_LINES = 6;
/** The tallest a ticket gets: borders, number, destination, status, items, other stations, note. */
const TICKET_HEIGHT = 2 + 3 + ITEM_LINES + 2;
/** Lines around the tickets (header, trouble, pages, ready line, message, keys), and one spare:
 * a frame as tall as the terminal makes Ink redraw the whole screen each second. */
const CHROME_LINES = 7;
const URGENCY_COLOR: Record<Urgency, string> = { 'on-time': 'green', 'due-soon': 'yellow', late: 'red' };

export function KitchenScreen({ live, stations, bump }: KitchenScreenProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const now = useNow();
  const { feedback, act } = useFeedback();
  const tickets = kitchenTickets(live.data ?? []);
  const selection = useSelection(tickets);
  const selected = selection.drawnIndex;
  const perRow = Math.max(1, Math.floor(columns / (TICKET_WIDTH + 1)));
  // As many tickets as surely fit; more go to further pages, reached by moving the selection on.
  const perPage = perRow * Math.max(1, Math.floor((rows - CHROME_LINES) / TICKET_HEIGHT));
  const [start, end] = pageOf(selected, perPage, tickets.length);

  useKeys((input, key) => {
    if (input === 'q' || key.escape) return exit();
    if (key.leftArrow || input === 'h') return selection.move(-1);
    if (key.rightArrow || input === 'l') return selection.move(1);
    if (key.upArrow || input === 'k') return selection.move(-perRow);
    if (key.downArrow || input === 'j') return selection.move(perRow);
    const target = key.return || input === ' ' ? selection.latest() : /^[1-9]$/.test(input) ? selection.at(pageOf(selection.latestIndex(), perPage, tickets.length)[0] + Number(input) - 1) : undefined;
    if (target) act(target.id, () => bump(target));
  });

  const ready = readyNumbers(live.data ?? []);
  const newest = newestDay(live.data ?? []);
  const next = tickets[selected] ? bumpLabel(tickets[selected].nextStatus) : null;
  const title = `Orderline kitchen${stations.length ? ` · ${stations.join(', ')}` : ''} · ${tickets.length} open`;
  return (
    <Box flexDirection="column" width={columns}>
      <Header title={title} live={live} now={now} />
      {live.data === null ? (
        <Text dimColor>loading the tickets…</Text>
      ) : tickets.length === 0 ? (
        <Text dimColor>No open tickets. New orders appear here the moment they are placed.</Text>
      ) : (
        <Box flexWrap="wrap">
          {tickets.slice(start, end).map((order, index) => (
            <Ticket key={order.id} order={order} day={earlierDay(order, newest)} place={index + 1} selected={start + index === selected} now={now} stations={stations} />
          ))}
        </Box>
      )}
      <PageNote start={start} end={end} total={tickets.length} noun="tickets" />
      <Text>
        <Text bold>Ready: </Text>
        {ready.length ? ready.join('  ') : <Text dimColor>none</Text>}
      </Text>
      <Message feedback={feedback} />
      <Text dimColor>
        ←→↑↓ select · Enter {next ? `${next} #${tickets[selected]!.number}` : 'bump'} · 1-9 bump by place · q quit
      </Text>
    </Box>
  );
}

function Ticket({ order, day, place, selected, now, stations }: { order: Order; day: string | null; place: number; selected: boolean; now: number; stations: readonly string[] }) {
  const ours = order.items.filter((item) => !stations.length || (item.station !== null && stations.includes(item.station)));
  const lines = ours.flatMap((item) => [
    `${item.quantity}× ${item.name}`,
    ...item.modifiers.map((modifier) => `  + ${modifier}`),
    ...(item.notes ? [`  ! ${item.notes}`] : []),
  ]);
  const hidden = lines.length > ITEM_LINES ? lines.length - (ITEM_LINES - 1) : 0;
  const others = order.items.length - ours.length;
  const colour = URGENCY_COLOR[urgency(order, now)];
  return (
    <Box flexDirection="column" width={TICKET_WIDTH} marginRight={1} paddingX={1} borderStyle={selected ? 'double' : 'round'} borderColor={selected ? 'cyan' : colour}>
      <Box justifyContent="space-between">
        <Text bold>
          {place <= 9 ? `${place} ` : ''}#{order.number}
          {order.rush && <Text color="red"> RUSH</Text>}
        </Text>
        <Text color={colour}>{elapsed(order.placedAt, now)}</Text>
      </Box>
      <Text dimColor wrap="truncate-end">
        {destination(order)}
      </Text>
      <Text color={colour}>
        {order.status}
        {day && ` · ${day}`}
      </Text>
      {(hidden ? lines.slice(0, ITEM_LINES - 1) : lines).map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {hidden > 0 && <Text dimColor>+{hidden} more lines</Text>}
      {others > 0 && <Text dimColor>+{others} for other stations</Text>}
      {order.notes && (
        <Text color="yellow" wrap="truncate-end">
          note: {order.notes}
        </Text>
      )}
    </Box>
  );
}
