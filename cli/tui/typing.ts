import type { Key } from 'ink';

/** A line being typed, after one more key: printable text appends, Backspace takes the last character. */
export function typed(text: string, input: string, key: Partial<Key>): string {
  if (key.backspace || key.delete) return [...text].slice(0, -1).join('');
  return key.ctrl || key.meta ? text : text + input;
}
