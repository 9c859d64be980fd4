// What the kitchen display opens over its tickets: every key (?), the all-day counts (a), one
// ticket whole (z), and the tickets that can still be recalled (R). Esc closes each.
import { Box, Text } from 'ink';
import { allDay, type Order } from './tickets.ts';
import type { CardLine } from './ticket-card.ts';

const KEYS_HELP: [keys: string, what: string][] = [
  ['←→ h l', 'previous / next column'],
  ['↑↓ k j', 'previous / next ticket'],
  ['PgUp PgDn Home End', 'pages, first and last ticket'],
  ['Enter Space', 'bump the selected ticket (a station screen: its items)'],
  ['1-9', 'bump the ticket at that place'],
  ['i then 1-9', 'bump one item of the selected ticket'],
  ['r', 'recall the ticket this screen bumped last'],
  ['R', 'list the tickets that can be recalled'],
  ['p', 'rush on / off'],
  ['z', 'open the selected ticket whole'],
  ['a', 'all-day: each dish’s count on the open tickets'],
  ['/', 'find by number, dish, customer or table'],
  ['?', 'these keys'],
  ['Esc', 'close what is open (never quits)'],
  ['q', 'quit'],
];

export function HelpPanel() {
  return (
    <Panel title="Keys">
      {KEYS_HELP.map(([keys, what]) => (
        <Text key={keys}>
          <Text bold>{keys.padEnd(20)}</Text>
          {what}
        </Text>
      ))}
    </Panel>
  );
}

export function AllDayPanel({ orders, stations, rows }: { orders: readonly Order[]; stations: readonly string[]; rows: number }) {
  const counts = allDay(orders, stations);
  const shown = counts.slice(0, Math.max(1, rows));
  return (
    <Panel title={`All day${stations.length ? ` · ${stations.join(', ')}` : ''}`}>
      {counts.length === 0 && <Text dimColor>Nothing left to make.</Text>}
      {shown.map(({ name, count }) => (
        <Text key={name}>
          <Text bold>{String(count).padStart(4)}</Text> {name}
        </Text>
      ))}
      {counts.length > shown.length && <Text dimColor>+{counts.length - shown.length} more dishes</Text>}
    </Panel>
  );
}

export function WholeTicketPanel({ order, lines }: { order: Order; lines: readonly CardLine[] }) {
  return (
    <Panel title={`#${order.number} · ${order.customerName}${order.table ? ` · table ${order.table}` : ''}`}>
      {/* Whole lines in reverse video for an allergy: this view is read close up, word for word. */}
      {lines.map((line, index) => (
        <Text key={index} color={line.allergy ? 'red' : undefined} inverse={line.allergy} dimColor={line.kind === 'done'}>
          {line.text}
        </Text>
      ))}
    </Panel>
  );
}

export function RecallPanel({ orders, loading }: { orders: readonly Order[]; loading: boolean }) {
  return (
    <Panel title="Recall: press the ticket’s number">
      {loading && <Text dimColor>loading…</Text>}
      {!loading && orders.length === 0 && <Text dimColor>Nothing was bumped in the recall window.</Text>}
      {orders.slice(0, 9).map((order, i) => (
        <Text key={order.id}>
          <Text bold>{i + 1}</Text> #{order.number} {order.status} · {order.items.map((item) => `${item.quantity}× ${item.name}`).join(', ')}
        </Text>
      ))}
    </Panel>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>{title} · Esc closes</Text>
      {children}
    </Box>
  );
}
