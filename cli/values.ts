// Parsing of the values people type on the command line: statuses, order numbers, dates, durations.
import ms from 'ms';
import { z } from 'zod';
import { ORDER_STATUSES, ORDER_TYPES, type OrderStatus, type OrderType } from '../shared/lifecycle.ts';
import { CliError, EXIT } from './errors.ts';
import { didYouMean } from './suggest.ts';

/** An enum value as people type it: any case, dashes or spaces (`out-for-delivery`, `dine in`). */
export function enumSpelling(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]+/g, '_');
}

export function parseStatus(input: string): OrderStatus {
  const value = enumSpelling(input);
  if ((ORDER_STATUSES as readonly string[]).includes(value)) return value as OrderStatus;
  throw new CliError(`unknown status "${input}"${didYouMean(value, ORDER_STATUSES)} (statuses: ${ORDER_STATUSES.join(', ')})`, EXIT.usage);
}

export function parseType(input: string): OrderType {
  const value = enumSpelling(input);
  if ((ORDER_TYPES as readonly string[]).includes(value)) return value as OrderType;
  throw new CliError(`unknown order type "${input}"${didYouMean(value, ORDER_TYPES)} (types: ${ORDER_TYPES.join(', ')})`, EXIT.usage);
}

export function parseOrderNumber(input: string): number {
  const value = Number(input.replace(/^#/, ''));
  if (!Number.isInteger(value) || value < 1) throw new CliError(`"${input}" is not an order number (a whole number such as 12)`, EXIT.usage);
  return value;
}

/** A business date as the server keeps it: YYYY-MM-DD, a real day. */
export function parseBusinessDate(input: string): string {
  if (z.iso.date().safeParse(input).success) return input;
  throw new CliError(`"${input}" is not a date: give the business date as YYYY-MM-DD, such as 2026-03-02`, EXIT.usage);
}

export function parsePositiveInt(input: string, what: string): number {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 0) throw new CliError(`${what} must be a whole number, got "${input}"`, EXIT.usage);
  return value;
}

/**
 * A duration in milliseconds from "90s", "10m", "1h", "500ms", or a bare number of seconds: a
 * person who types `--timeout 5` means five seconds, never five milliseconds.
 */
export function parseDuration(input: string, what: string): number {
  const text = input.trim();
  const value = /^(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) * 1000 : text && ms(text as ms.StringValue); // ms throws on ''
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new CliError(`${what} must be a positive duration such as 30s, 10m or 1h (a bare number is seconds), got "${input}"`, EXIT.usage);
  }
  return value;
}

/** Collects a repeatable option into a list. */
export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] = []) => [...previous, parse(value)];
}
