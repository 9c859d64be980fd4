// One order in full for the manager's queue: items with modifiers and notes, and the order's whole
// event history, read again whenever the order changes (its version moves), so it stays live.
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { time } from '../output.ts';
import type { HistoryEntry } from './actions.ts';
import { destination, type Order } from './tickets.ts';

export function OrderDetail({ order, history }: { order: Order; history: (order: Order) => Promise<HistoryEntry[]> }) {
  const [entries, setEntries] = useState<{ version: number; list: HistoryEntry[] } | { version: number; error: string } | null>(null);
  useEffect(() => {
    let current = true;
    history(order).then(
      (list) => current && setEntries({ version: order.version, list }),
      (error: unknown) => current && setEntries({ version: order.version, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
    // Read again when the order changes, not when the screen draws again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order.id, order.version]);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>
        #{order.number} · {order.status} · {destination(order)}
        {order.rush && <Text color="red"> RUSH</Text>}
      </Text>
      {order.items.map((item) => (
        <Text key={item.id}>
          {item.quantity}× {item.name} <Text dimColor>({item.station}, {item.state.toLowerCase()})</Text>
          {item.modifiers.length > 0 && ` + ${item.modifiers.join(', ')}`}
          {item.notes && <Text color="yellow"> ! {item.notes}</Text>}
        </Text>
      ))}
      {order.notes && <Text color="yellow">note: {order.notes}</Text>}
      {order.cancelReason && <Text color="red">cancelled: {order.cancelReason}</Text>}
      <Text bold>History</Text>
      {entries === null && <Text dimColor>loading…</Text>}
      {entries && 'error' in entries && <Text color="red">{entries.error}</Text>}
      {entries &&
        'list' in entries &&
        entries.list.map((entry) => (
          <Text key={entry.id}>
            {time(entry.at)} {entry.toStatus ? `${entry.fromStatus ?? '·'} → ${entry.toStatus}` : entry.kind} <Text dimColor>by {entry.actor}</Text>
            {entry.note && ` · ${entry.note}`}
          </Text>
        ))}
    </Box>
  );
}
