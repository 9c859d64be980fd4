// Parsing of argument values GraphQL's own types cannot check: ids and cursors.
import { ValidationError } from '../../errors.ts';
import type { OrderRef } from '../../orders/service.ts';

/** A database id or event cursor given as an ID or String: digits only. */
export function parseIntId(value: string | number | null | undefined, path: string): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (!/^\d{1,15}$/.test(text)) {
    throw new ValidationError([{ path, message: `expected a number such as "42", got "${text}"` }]);
  }
  return Number(text);
}

export function orderRefOf(args: { id?: string | number | null; number?: number | null }): OrderRef {
  const id = parseIntId(args.id, 'id');
  if ((id === null) === (args.number == null)) {
    throw new ValidationError([{ path: 'id', message: 'name the order by exactly one of `id` or `number`' }]);
  }
  return { id, number: args.number ?? null };
}
