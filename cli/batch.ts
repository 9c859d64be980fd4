// `orderline orders apply`: a batch of changes as JSON lines or CSV. Parsing is pure: every line
// becomes a change or a problem with its line number, so bad lines never stop the good ones.
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { ORDER_STATUSES } from '../shared/lifecycle.ts';
import { enumSpelling } from './values.ts';

export type BatchFormat = 'jsonl' | 'csv';

export type BatchChange = {
  line: number;
  order: number;
  expectedVersion?: number | undefined;
  key: string;
  /** The line gave its own key: used as it is, not scoped to the order. */
  ownKey: boolean;
} & (
  | { action: 'advance' }
  | { action: 'set-status'; status: (typeof ORDER_STATUSES)[number]; note?: string | undefined }
  | { action: 'cancel'; reason: string }
);

export interface BatchProblem {
  line: number;
  message: string;
}

const status = z
  .string()
  .transform(enumSpelling)
  .pipe(z.enum(ORDER_STATUSES, { message: `must be one of ${ORDER_STATUSES.join(', ')}` }));
const orderNumber = z.coerce.number({ message: 'must be an order number' }).int('must be a whole number').positive('must be positive');
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((s) => s || undefined);

const lineSchema = z
  .object({
    order: orderNumber,
    action: z.enum(['advance', 'set-status', 'cancel']).optional(),
    status: status.optional(),
    note: optionalText,
    reason: optionalText,
    expectedVersion: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
    key: optionalText,
  })
  .strict()
  .superRefine((row, ctx) => {
    const action = row.action ?? (row.status ? 'set-status' : undefined);
    if (!action) ctx.addIssue({ code: 'custom', message: 'say what to do: an "action" (advance, set-status, cancel) or a "status"' });
    if (action === 'set-status' && !row.status) ctx.addIssue({ code: 'custom', path: ['status'], message: 'set-status needs a status' });
    if (action === 'cancel' && !row.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'cancel needs a reason' });
  });

/** The fields a line may give; CSV columns name them, with `expected_version` for `expectedVersion`. */
const FIELDS: readonly string[] = Object.keys(lineSchema.shape);

/** A CSV column's field: `expected_version` → `expectedVersion`. */
function fieldOf(column: string): string {
  return column.trim().replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

/** The first line that is not blank, and its number; null for an empty batch. */
function firstLine(text: string): { line: number; text: string } | null {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.trim() !== '');
  return index < 0 ? null : { line: index + 1, text: lines[index]! };
}

/**
 * The format from the file name, else from the content: CSV starts with a header, so a first line
 * naming none of the columns is a JSON line (and reported as one when it is not). Judging every
 * other first line CSV made "not json" on stdin a header with no rows: nothing failed.
 */
export function detectFormat(text: string, fileName?: string): BatchFormat {
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  if (fileName && /\.(jsonl|ndjson|json)$/i.test(fileName)) return 'jsonl';
  const first = firstLine(text)?.text.trim() ?? '';
  if (first.startsWith('{')) return 'jsonl';
  return csvHeader(first)?.some((column) => FIELDS.includes(fieldOf(column))) ? 'csv' : 'jsonl';
}

/** A line read as a CSV header, or null when it is not valid CSV. */
function csvHeader(line: string): string[] | null {
  try {
    return parseCsv(line, { to_line: 1 })[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Reads a batch. Each change gets an idempotency key made from what its line asks for (and how
 * many identical lines came before it), never from the rest of the batch: after a bad line is
 * fixed, running the batch again replays the lines already applied instead of applying them
 * twice. The caller adds the order's id to the key (numbers restart every day). A line may give
 * its own `key`, which is then used as it is.
 */
export function parseBatch(text: string, format: BatchFormat): { changes: BatchChange[]; problems: BatchProblem[] } {
  const seen = new Map<string, number>();
  const rows = format === 'jsonl' ? jsonRows(text) : csvRows(text);
  const changes: BatchChange[] = [];
  const problems: BatchProblem[] = [...rows.problems];
  for (const { line, value } of rows.rows) {
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      problems.push({ line, message: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') });
      continue;
    }
    const row = parsed.data;
    const action = row.action ?? 'set-status';
    const intent = JSON.stringify([row.order, action, row.status, row.note, row.reason, row.expectedVersion]);
    const repeat = seen.get(intent) ?? 0; // the same line twice means "do it twice"
    seen.set(intent, repeat + 1);
    const key = row.key ?? `batch-${createHash('sha256').update(intent).digest('hex').slice(0, 16)}-${repeat}`;
    const base = { line, order: row.order, expectedVersion: row.expectedVersion, key, ownKey: row.key !== undefined };
    if (action === 'advance') changes.push({ ...base, action });
    else if (action === 'cancel') changes.push({ ...base, action, reason: row.reason! });
    else changes.push({ ...base, action, status: row.status!, note: row.note });
  }
  problems.sort((a, b) => a.line - b.line);
  return { changes, problems };
}

type Rows = { rows: { line: number; value: unknown }[]; problems: BatchProblem[] };

function jsonRows(text: string): Rows {
  const result: Rows = { rows: [], problems: [] };
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    try {
      result.rows.push({ line: index + 1, value: JSON.parse(raw) });
    } catch (error) {
      result.problems.push({ line: index + 1, message: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return result;
}

/** A CSV row as csv-parse gives it with `info`: the values by column, and where it was. */
interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

function csvRows(text: string): Rows {
  const result: Rows = { rows: [], problems: [] };
  let unknown: string[] = [];
  const records = parseCsv<CsvRecord>(text, {
    columns: (header: string[]) => {
      unknown = header.filter((column) => !FIELDS.includes(fieldOf(column)));
      return header.map(fieldOf);
    },
    skip_empty_lines: true,
    trim: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) result.problems.push({ line: (error as { lines?: number }).lines ?? 0, message: error.message });
    },
  });
  // A header that is not one leaves nothing to apply, and must not pass for an empty batch.
  if (unknown.length) {
    const columns = unknown.map((column) => `"${column}"`).join(', ');
    const known = FIELDS.map((field) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(', ');
    const message = `unknown column ${columns}: a CSV batch starts with a header naming its columns (any of ${known})`;
    return { rows: [], problems: [{ line: firstLine(text)!.line, message }] };
  }
  for (const { record, info } of records) {
    const value = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
    result.rows.push({ line: info.lines, value });
  }
  return result;
}
