// Puts each problem the server found next to the field it concerns. Problem paths point into the
// input that was sent ("customerName", "items.1.modifiers"); item positions are turned back into
// dishes with the list of items as it was sent.
import type { FieldProblem } from './documents.ts';

export type ItemPart = 'quantity' | 'modifiers' | 'notes';

/** A form field: a top-level one, a part of one dish's line, the basket as a whole, or the form. */
export type FieldKey =
  | 'customerName'
  | 'type'
  | 'table'
  | 'address'
  | 'notes'
  | 'items'
  | `item:${string}`
  | `item:${string}:${ItemPart}`
  | 'form';

const TOP_LEVEL: readonly string[] = ['customerName', 'type', 'table', 'address', 'notes', 'items'];
const ITEM_PARTS: readonly string[] = ['quantity', 'modifiers', 'notes'];

export function fieldFor(path: string, sentItemIds: readonly string[]): FieldKey {
  if (TOP_LEVEL.includes(path)) return path as FieldKey;
  const item = /^items\.(\d+)(?:\.(\w+))?/.exec(path);
  const id = item ? sentItemIds[Number(item[1])] : undefined;
  if (!item || id === undefined) return item ? 'items' : 'form';
  // menuItemId (not on the menu, sold out) concerns the dish itself.
  return item[2] && ITEM_PARTS.includes(item[2]) ? `item:${id}:${item[2] as ItemPart}` : `item:${id}`;
}

/** The server writes messages as clauses ("enter a name"); a form shows them as sentences. */
export function asSentence(message: string): string {
  const text = message.trim();
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}` : text;
}

export type FieldErrors = ReadonlyMap<FieldKey, string[]>;

export function fieldErrors(problems: readonly FieldProblem[], sentItemIds: readonly string[]): FieldErrors {
  const errors = new Map<FieldKey, string[]>();
  for (const problem of problems) {
    const key = fieldFor(problem.path, sentItemIds);
    errors.set(key, [...(errors.get(key) ?? []), asSentence(problem.message)]);
  }
  return errors;
}

/** A DOM id for a field, safe for ids that menu items may carry (spaces, colons). */
export function fieldId(key: FieldKey): string {
  return `field-${key.replace(/[^\w-]/g, '_')}`;
}
