// The top line both screens share: what this screen is, how fresh it is, and the time.
import { Box, Text } from 'ink';
import { time } from '../output.ts';
import type { LiveState } from './live-query.ts';

const CONNECTION = {
  connecting: { mark: '○', text: 'connecting…', color: 'yellow' },
  live: { mark: '●', text: 'live', color: 'green' },
  reconnecting: { mark: '◌', text: 'reconnecting', color: 'yellow' },
} as const;

export function Header({ title, live, now }: { title: string; live: LiveState<unknown>; now: number }) {
  const connection = CONNECTION[live.connection];
  // Until the connection is back, the screen says how old what it shows may be.
  const stale = live.connection !== 'live' && live.loadedAt !== null ? ` · last updated ${time(live.loadedAt, true)}` : '';
  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        <Text bold>{title}</Text>
        <Text>
          <Text color={connection.color}>
            {connection.mark} {connection.text}
          </Text>
          {stale}
          {'  '}
          {time(now, true)}
        </Text>
      </Box>
      {live.problem && (
        <Text color="yellow" wrap="truncate-end">
          {live.problem}
        </Text>
      )}
    </Box>
  );
}
