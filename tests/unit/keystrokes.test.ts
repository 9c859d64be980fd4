// Keys that reach the screens together are taken one at a time.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { keystrokes } from '../../cli/tui/use-keys.ts';

const plain = { ctrl: false, meta: false } as Key;

describe('keystrokes', () => {
  it('splits a burst of characters, with Enter and Backspace as keys', () => {
    expect(keystrokes('ab\x7f\r', plain)).toEqual([
      ['a', {}],
      ['b', {}],
      ['', { backspace: true }],
      ['', { return: true }],
    ]);
  });

  it('passes a single key, and a control or meta sequence, as it is', () => {
    const enter = { ...plain, return: true } as Key;
    expect(keystrokes('\r', enter)).toEqual([['\r', enter]]);
    const ctrl = { ...plain, ctrl: true } as Key;
    expect(keystrokes('ab', ctrl)).toEqual([['ab', ctrl]]);
  });
});
