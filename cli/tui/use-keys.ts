import { useApp, useInput, type Key } from 'ink';
import { CliError, EXIT } from '../errors.ts';

export type Keystroke = [input: string, key: Partial<Key>];

/**
 * The keys in what the terminal sent at once, one by one. Ink passes printable characters that
 * arrive together (fast typing, a paste, a bump bar's macro) as one string, Enter and Backspace
 * included; the screens act on single keys.
 */
export function keystrokes(input: string, key: Key): Keystroke[] {
  const characters = [...input];
  if (characters.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return characters.map((character): Keystroke => {
    if (character === '\r' || character === '\n') return ['', { return: true }];
    if (character === '\x7f' || character === '\b') return ['', { backspace: true }];
    return [character, {}];
  });
}

/**
 * useInput, one key at a time. Ctrl-C ends the screen as an interruption (exit code 130, as
 * everywhere in the CLI); quitting with the screen's own key is a normal end.
 */
export function useKeys(handler: (input: string, key: Partial<Key>) => void): void {
  const { exit } = useApp();
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return exit(new CliError('', EXIT.interrupted));
    for (const [character, parsed] of keystrokes(input, key)) handler(character, parsed);
  });
}
