// The top lines both screens share: what this screen is, whether it is live and since when, how
// fresh what it shows is, and the time.
import { Box, Text } from 'ink';
import { time } from '../output.ts';
import type { LiveState } from './live-query.ts';

const CONNECTION = {
  connecting: { mark: '○', text: 'connecting…', color: 'yellow' },
  live: { mark: '●', text: 'live', color: 'green' },
  reconnecting: { mark: '◌', text: 'NOT LIVE', color: 'yellow' },
  offline: { mark: '✕', text: 'OFFLINE', color: 'red' },
} as const;

export function Header({ title, live, now }: { title: string; live: LiveState<unknown>; now: number }) {
  const connection = CONNECTION[live.connection];
  const troubled = live.connection !== 'live' || live.problem !== null;
  const since = live.since !== null && live.connection !== 'live' ? ` since ${time(live.since, true)}` : '';
  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        {/* The title gives way first: the connection is what must always be read. */}
        <Text bold wrap="truncate-end">
          {title}
        </Text>
        <Box flexShrink={0}>
          <Text>
            <Text color={connection.color} bold={live.connection === 'offline'}>
              {connection.mark} {connection.text}
              {since}
            </Text>
            {'  '}
            {time(now, true)}
          </Text>
        </Box>
      </Box>
      <Text color={troubled ? 'yellow' : undefined} dimColor={!troubled} wrap="truncate-end">
        {details(live, now).join(' · ')}
      </Text>
    </Box>
  );
}

/**
 * The second line: while not live, the next try and how old what is shown may be; the last event;
 * then any trouble, which is cut first when the line is too long.
 */
function details(live: LiveState<unknown>, now: number): string[] {
  const parts: string[] = [];
  if (live.connection !== 'live') {
    const trying = live.connection === 'connecting' ? 'connecting' : 'reconnecting';
    if (live.retry) {
      const seconds = Math.ceil((live.retry.at - now) / 1000);
      parts.push(`${trying}: attempt ${live.retry.attempt}, ${seconds > 0 ? `next try in ${seconds}s` : 'trying now'}`);
    } else if (live.connection !== 'connecting') {
      parts.push(trying);
    }
    if (live.loadedAt !== null) parts.push(`last updated ${time(live.loadedAt, true)}`);
  }
  // "no events yet" only where the line has room for it: while not live, the trouble needs it.
  if (live.lastEventAt !== null) parts.push(`last event ${time(live.lastEventAt, true)}`);
  else if (live.connection === 'live') parts.push('no events yet');
  if (live.problem) parts.push(live.problem);
  return parts;
}
