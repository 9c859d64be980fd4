// Parsing of argument values GraphQL's own types cannot check: ids, cursors and page sizes.
import { GraphQLError } from 'graphql';
import { ValidationError } from '../../errors.ts';
import type { OrderRef } from '../../orders/service.ts';

/** The page a connection answers when the client asks for no size (never more than `--limit page-size`). */
export const DEFAULT_PAGE_SIZE = 20;

/** Database ids and cursors: digits only, short enough to be exact as a number. */
const INT_ID = /^\d{1,15}$/;

/** A database id or event cursor given as an ID or String: digits only. */
export function parseIntId(value: string | number | null | undefined, path: string): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (!INT_ID.test(text)) {
    throw new ValidationError([{ path, message: `expected a number such as "42", got "${text}"` }]);
  }
  return Number(text);
}

/** A cursor argument of a query or subscription, where a malformed one is the client's error, not a result. */
export function parseCursor(value: string | null | undefined, argument: string): number | null {
  if (value === null || value === undefined) return null;
  if (!INT_ID.test(value)) throw badInput(argument, `expected a cursor this server gave (digits, such as "42"), got ${JSON.stringify(value)}`);
  // Event ids are 32-bit (Int): a cursor past them all means the same as the last id there can be.
  return Math.min(Number(value), LAST_EVENT_ID);
}

const LAST_EVENT_ID = 2 ** 31 - 1;

/** `first`/`last` of a connection: 0 to `pageSize` (`--limit page-size`); follow `pageInfo` for more. */
export function checkPageSize(args: { first?: number | null; last?: number | null }, pageSize: number): void {
  for (const argument of ['first', 'last'] as const) {
    const size = args[argument];
    if (size != null && (size < 0 || size > pageSize)) {
      throw badInput(argument, `ask for 0 to ${pageSize} items a page (the server's --limit page-size), got ${size}; follow pageInfo's cursors for more`);
    }
  }
}

function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function orderRefOf(args: { id?: string | number | null; number?: number | null }): OrderRef {
  const id = parseIntId(args.id, 'id');
  if ((id === null) === (args.number == null)) {
    throw new ValidationError([{ path: 'id', message: 'name the order by exactly one of `id` or `number`' }]);
  }
  return { id, number: args.number ?? null };
}
