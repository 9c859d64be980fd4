// How the CLI speaks. Results go to stdout: tables for people, JSON for machines. Progress,
// hints and errors go to stderr. Colour only on a terminal and never with NO_COLOR or --no-color;
// every status is also a word, so nothing depends on colour.
import Table from 'cli-table3';
import { createColors } from 'picocolors';
import { safeJson } from '../shared/printable.ts';

const useColor =
  // NO_COLOR counts when it is set and not empty (no-color.org).
  Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.argv.includes('--no-color') && process.env.TERM !== 'dumb';
export const color = createColors(useColor);

type Colour = 'yellow' | 'cyan' | 'blue' | 'green' | 'magenta' | 'red';

/** Each status's colour, the same in tables and on the full-screen displays. */
export const STATUS_COLOR: Readonly<Record<string, Colour>> = {
  PENDING: 'yellow',
  CONFIRMED: 'cyan',
  PREPARING: 'blue',
  READY: 'green',
  OUT_FOR_DELIVERY: 'magenta',
  CANCELLED: 'red',
};

const STATUS_STYLE: Record<string, (text: string) => string> = {
  ...Object.fromEntries(Object.entries(STATUS_COLOR).map(([name, colour]) => [name, color[colour]])),
  COMPLETED: color.dim, // finished well: out of the way
};

export function status(value: string): string {
  return (STATUS_STYLE[value] ?? ((text: string) => text))(value);
}

/** A borderless table, columns aligned, headers dimmed: easy to read and to grep. */
export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({
    head: head.map((h) => color.bold(h)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
      'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  t.push(...rows.map((row) => row.map(String)));
  return `${t.toString()}\n`;
}

/** JSON that shows control and bidirectional characters as \u escapes (safeJson), never raw. */
export function printJson(value: unknown): void {
  process.stdout.write(`${safeJson(value, 2)}\n`);
}

/** One JSON document per line, written at once, for streams a program reads as they come. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${safeJson(value)}\n`);
}

export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const clockSeconds = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** A time of day from an ISO string or milliseconds since the epoch; '-' for none. */
export function time(at: string | number | null | undefined, seconds = false): string {
  if (at === null || at === undefined || at === '') return '-';
  return (seconds ? clockSeconds : clock).format(new Date(at));
}

const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** A time of day for a moment today, the day and the time for one on another day ("Nov 3, 2:05 PM"). */
export function moment(at: string, now = Date.now()): string {
  const date = new Date(at);
  return date.toDateString() === new Date(now).toDateString() ? time(at) : `${day.format(date)}, ${time(at)}`;
}

/** "4m", "1h05m": how long ago, for a column. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export function items(list: { name: string; quantity: number; modifiers?: readonly string[] }[]): string {
  return list
    .map((item) => `${item.quantity > 1 ? `${item.quantity}× ` : ''}${item.name}${item.modifiers?.length ? ` (${item.modifiers.join(', ')})` : ''}`)
    .join(', ');
}

export function money(cents: number): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
