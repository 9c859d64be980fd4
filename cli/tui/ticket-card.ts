// What a kitchen ticket card says, line by line, as pure rules: items with their quantity,
// modifiers and notes wrapped to the card's width (never cut), allergy words found, and which lines
// a card too tall for the screen may fold away (never an allergy).
import wrapAnsi from 'wrap-ansi';
import type { Order } from './tickets.ts';

export type LineKind = 'item' | 'done' | 'modifier' | 'note' | 'other-stations' | 'order-note' | 'cancel';

export interface CardLine {
  text: string;
  kind: LineKind;
  /** The line names an allergy or a dietary need: shown in reverse video, never folded away. */
  allergy: boolean;
  /** The item this line belongs to (its place among the card's items, from 1), for `i` + digit. */
  item?: number;
}

export interface CardOptions {
  /** Only these stations' items are listed (all when empty); the rest are counted. */
  stations: readonly string[];
  /** Text columns inside the card. */
  width: number;
  allergy: RegExp;
}

/** Matches any of `words` as a whole word, plurals included, case-insensitive. */
export function allergyPattern(words: readonly string[]): RegExp {
  const escaped = [...words].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\b(?:${escaped.join('|') || '(?!)'})(?:e?s)?\\b`, 'gi');
}

/** `text` cut into plain and allergy-word parts, in order, for drawing. */
export function allergySegments(text: string, allergy: RegExp): { text: string; allergy: boolean }[] {
  const parts: { text: string; allergy: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(allergy.source, 'gi'))) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), allergy: false });
    parts.push({ text: match[0], allergy: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), allergy: false });
  return parts;
}

/** The items a card lists: its stations' items, or all of them. */
export function ownItems(order: Pick<Order, 'items'>, stations: readonly string[]): Order['items'] {
  return order.items.filter((item) => !stations.length || stations.includes(item.station));
}

/** Every line of the card's body, wrapped to the card's width. */
export function cardLines(order: Pick<Order, 'items' | 'notes' | 'status' | 'cancelReason'>, { stations, width, allergy }: CardOptions): CardLine[] {
  const lines: CardLine[] = [];
  // Not global: a global pattern's test() keeps its place from one call to the next.
  const names = new RegExp(allergy.source, 'i');
  // `lead` starts the first line, `indent` the lines it wraps onto (wrapping trims spaces itself).
  const add = (lead: string, text: string, kind: LineKind, indent: string, item?: number) => {
    const flagged = names.test(text);
    const wrap = (part: string, room: number) => wrapAnsi(part, Math.max(4, room), { hard: true, trim: true }).split('\n');
    const [first = '', ...more] = wrap(text, width - lead.length);
    const rest = more.length ? wrap(more.join(' '), width - indent.length) : [];
    lines.push({ text: lead + first, kind, allergy: flagged, item });
    for (const part of rest) lines.push({ text: indent + part, kind, allergy: flagged, item });
  };
  if (order.status === 'CANCELLED') add('', `why: ${order.cancelReason ?? 'no reason given'}`, 'cancel', '  ');
  const ours = ownItems(order, stations);
  ours.forEach((entry, index) => {
    const item = index + 1;
    const done = entry.state === 'DONE';
    add('', `${done ? '✓' : `${entry.quantity}×`} ${entry.name}${done ? ` ×${entry.quantity}` : ''}`, done ? 'done' : 'item', '   ', item);
    if (done) return; // a done item needs no more reading
    for (const modifier of entry.modifiers) add('  + ', modifier, 'modifier', '    ', item);
    if (entry.notes) add('  ! ', entry.notes, 'note', '    ', item);
  });
  const others = order.items.length - ours.length;
  if (others > 0) add('', `+${others} other station${others > 1 ? 's' : ''}`, 'other-stations', '');
  if (order.notes) add('', `note: ${order.notes}`, 'order-note', '  ');
  return lines;
}

/**
 * The lines that fit in `room`: allergy lines and a cancellation's reason always stay, then the
 * dishes, then the rest in reading order while there is room; what is left folds into a "+N more"
 * line. A long ticket never hides what could hurt someone, and shows what to cook before the rest.
 */
export function fitLines(lines: readonly CardLine[], room: number): { shown: CardLine[]; hidden: number } {
  if (lines.length <= room) return { shown: [...lines], hidden: 0 };
  const keep = new Set<number>();
  lines.forEach((line, i) => (line.allergy || line.kind === 'cancel') && keep.add(i));
  // One line is the "+N more" note; the dishes come next, then the rest in reading order.
  const dishes = lines.flatMap((line, i) => (line.kind === 'item' || line.kind === 'done' ? [i] : []));
  for (const i of [...dishes, ...lines.keys()]) if (keep.size < room - 1) keep.add(i);
  const shown = lines.filter((_, i) => keep.has(i));
  return { shown, hidden: lines.length - shown.length };
}

const bodies = new WeakMap<object, { key: string; body: ReturnType<typeof fitLines> }>();

/**
 * A card's body in `room` lines, worked out once per version of its order: an event replaces one
 * order and keeps the others' objects as they were, so a screen of 300 tickets wraps one card.
 */
export function cardBody(order: Parameters<typeof cardLines>[0], options: CardOptions, room: number): ReturnType<typeof fitLines> {
  const key = `${options.width}|${room}|${options.stations.join()}|${options.allergy.source}`;
  const cached = bodies.get(order);
  if (cached?.key === key) return cached.body;
  const lines = cardLines(order, options);
  // A card with an allergy gives one line to its "⚠ ALLERGY" heading.
  const body = fitLines(lines, room - (lines.some((line) => line.allergy) ? 1 : 0));
  bodies.set(order, { key, body });
  return body;
}
