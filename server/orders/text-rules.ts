// What free text the API stores: a length limit and no character that could drive a terminal
// (shared/printable.ts says which and why). One-line text (a name, a table, a reason) refuses line
// breaks and tabs too; multi-line text (notes, an address) keeps its line breaks, as "\n".
// Customers' fields and staff's arguments share these rules, so every stored text obeys them.
import { z } from 'zod';
import { codePointName, UNSAFE_CHARACTERS } from '../../shared/printable.ts';
import { ValidationError } from '../errors.ts';

export interface TextRule {
  max: number;
  multiline: boolean;
}

/**
 * The free-text arguments beside an order's own fields, limited like the customer's fields: what
 * a ticket, a list or a tracker page can show.
 */
export const TEXT_ARGUMENTS = {
  /** A note with a change: as long as an order's notes. */
  note: { max: 500, multiline: true },
  /** Why an order was cancelled: the customer reads it, so a sentence or two on one line. */
  reason: { max: 200, multiline: false },
  /** A token's name: what a list shows in one column, e.g. "Grill screen". */
  tokenName: { max: 60, multiline: false },
  /** Idempotency keys are made by programs (a UUID is 36 characters); 200 leaves room for prefixes. */
  idempotencyKey: { max: 200, multiline: false },
} as const satisfies Record<string, TextRule>;

/** Why `text` breaks the rule's characters (the first offending one, by code point and place), or null. */
function characterProblem(text: string, { multiline }: TextRule): string | null {
  for (const match of text.matchAll(UNSAFE_CHARACTERS)) {
    const character = match[0];
    if (multiline && character === '\n') continue;
    const code = character.codePointAt(0)!;
    const found = `${codePointName(code)} at character ${match.index + 1}`;
    if (character === '\n' || character === '\r' || character === '\t') {
      return multiline ? `must not contain tabs or carriage returns (found ${found})` : `must be one line, without line breaks or tabs (found ${found})`;
    }
    if (code >= 0xd800 && code <= 0xdfff) return `must be valid Unicode text (found a lone surrogate, ${found})`;
    if (code >= 0x202a) return `must not contain bidirectional formatting characters (found ${found})`;
    return `must not contain control characters (found ${found})`;
  }
  return null;
}

/**
 * A zod string that obeys `rule`, trimmed. Line breaks typed as "\r\n" are kept as "\n". The
 * length is checked before the characters are, so a huge text is refused before the character rules
 * look at it (request-bytes bounds how huge).
 */
export function safeText(rule: TextRule) {
  const text = rule.multiline ? z.string().transform((value) => value.replace(/\r\n/g, '\n')) : z.string();
  return text.pipe(
    z
      .string()
      .trim()
      .max(rule.max, { error: `at most ${rule.max} characters`, abort: true })
      .superRefine((value, ctx) => {
        const problem = characterProblem(value, rule);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  );
}

/** Each rule's schema, built once: building a zod schema costs more than checking a text with it. */
const schemas = new WeakMap<TextRule, ReturnType<typeof safeText>>();

/** `value` trimmed, or a ValidationError at `path` saying how it breaks `rule`; null and undefined pass as null. */
export function checkText(value: string | null | undefined, path: string, rule: TextRule): string | null {
  if (value === null || value === undefined) return null;
  let schema = schemas.get(rule);
  if (!schema) schemas.set(rule, (schema = safeText(rule)));
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({ path, message: issue.message })));
}
