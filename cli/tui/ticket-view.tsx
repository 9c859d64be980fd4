// One kitchen ticket as a card: number, type badge, destination, urgency by colour, glyph and
// word (so a monochrome terminal still shows it), then its lines; allergy words in reverse video.
import { Box, Text } from 'ink';
import { allergySegments, type CardLine } from './ticket-card.ts';
import type { TicketMark } from './ticket-marks.ts';
import { elapsed, whoFor, type Order, type Urgency } from './tickets.ts';

const URGENCY_COLOR: Record<Urgency, string> = { 'on-time': 'green', 'due-soon': 'yellow', late: 'red' };
const URGENCY_WORD: Record<Urgency, string> = { 'on-time': '', 'due-soon': '! SOON', late: '‼ LATE' };
const BADGE: Record<Order['type'], string> = { DINE_IN: 'DINE-IN', TAKEOUT: 'TO-GO', DELIVERY: 'DELIVERY' };

/** Lines a card has besides its body: two borders and three lines of heading. */
export const CARD_CHROME = 5;

/** Heading lines a card adds when it needs them: its earlier day, an allergy, a bump waiting. */
export function extraLines({ day, allergy, pending }: { day: string | null; allergy: boolean; pending: boolean }): number {
  return (day ? 1 : 0) + (allergy ? 1 : 0) + (pending ? 1 : 0);
}

export interface TicketViewProps {
  order: Order;
  width: number;
  lines: readonly CardLine[];
  /** Body lines folded away ("+N more · z"). */
  hidden: number;
  /** Its place on the page, 1–9, for the digit keys; null past nine. */
  place: number | null;
  selected: boolean;
  urgency: Urgency;
  mark: TicketMark | null;
  /** The order's business day when earlier than today's. */
  day: string | null;
  now: number;
  allergy: RegExp;
  /** The expo's view: each station and whether it is done. */
  progress?: { station: string; done: boolean }[] | undefined;
  /** A bump of it waits for the connection. */
  pending: boolean;
  /** Its dishes numbered, for `i` then a digit. */
  numbered?: boolean;
}

export function TicketView({ order, width, lines, hidden, place, selected, urgency, mark, day, now, allergy, progress, pending, numbered = false }: TicketViewProps) {
  const cancelled = order.status === 'CANCELLED';
  const colour = cancelled ? 'gray' : URGENCY_COLOR[urgency];
  const flagged = lines.some((line) => line.allergy);
  return (
    <Box flexDirection="column" width={width} borderStyle={selected ? 'double' : 'round'} borderColor={selected ? 'cyan' : colour}>
      <Box justifyContent="space-between">
        <Text bold wrap="truncate-end">
          {place !== null ? `${place} ` : ''}#{order.number}
          {order.rush && <Text color="red"> RUSH</Text>}
          {mark && <Text inverse> {mark} </Text>}
        </Text>
        <Text color={colour}>{elapsed(order.placedAt, now)}</Text>
      </Box>
      <Text wrap="truncate-end">
        <Text bold>{BADGE[order.type]}</Text>
        <Text dimColor> {whoFor(order)}</Text>
      </Text>
      <Text wrap="truncate-end">
        {cancelled ? (
          <Text color="red" bold>
            ✕ CANCELLED
          </Text>
        ) : (
          <Text color={colour}>
            {order.status}
            {URGENCY_WORD[urgency] && ` ${URGENCY_WORD[urgency]}`}
          </Text>
        )}
      </Text>
      {day && <Text color="yellow">from {day}</Text>}
      {flagged && (
        <Text color="red" inverse bold>
          ⚠ ALLERGY
        </Text>
      )}
      {pending && <Text color="yellow">bump pending…</Text>}
      {lines.map((line, index) => (
        <TicketLine key={index} line={line} allergy={allergy} struck={cancelled} number={numbered && (line.kind === 'item' || line.kind === 'done') && lines[index - 1]?.item !== line.item ? line.item : undefined} />
      ))}
      {hidden > 0 && <Text dimColor>+{hidden} more · z opens</Text>}
      {progress && (
        <Text wrap="wrap">
          {progress.map(({ station, done }) => (
            <Text key={station} color={done ? 'green' : 'yellow'}>
              {done ? '✓' : '…'}
              {station}{' '}
            </Text>
          ))}
        </Text>
      )}
    </Box>
  );
}

/** One line of a ticket: a dish done is struck and dim, notes in yellow, allergy words in reverse video. */
function TicketLine({ line, allergy, struck, number }: { line: CardLine; allergy: RegExp; struck: boolean; number?: number | undefined }) {
  const done = line.kind === 'done';
  const colour = line.kind === 'note' || line.kind === 'order-note' ? 'yellow' : line.kind === 'cancel' ? 'red' : undefined;
  const dim = done || line.kind === 'other-stations';
  return (
    <Text color={colour} dimColor={dim} strikethrough={(struck && line.kind !== 'cancel') || done} wrap="truncate-end">
      {number !== undefined && (
        <Text>
          <Text inverse bold>
            {number}
          </Text>{' '}
        </Text>
      )}
      {line.allergy
        ? allergySegments(line.text, allergy).map((part, i) =>
            part.allergy ? (
              <Text key={i} inverse bold>
                {part.text.toUpperCase()}
              </Text>
            ) : (
              part.text
            ),
          )
        : line.text}
    </Text>
  );
}
