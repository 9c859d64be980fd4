// What a terminal client shows for text that carries control or bidirectional characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, printableData, safeJson, UNSAFE_CHARACTERS } from '../../shared/printable.ts';

describe('printable', () => {
  it('shows C0 controls and DEL as control pictures', () => {
    expect(printable('Eve\u001b[2J\u001b]0;pwned\u0007')).toBe('Eve␛[2J␛]0;pwned␇');
    expect(printable('a\u0000b\tc\nd\u007f')).toBe('a␀b␉c␊d␡');
  });

  it('shows C1 controls, bidirectional formatting and lone surrogates by code point', () => {
    expect(printable('x\u009b2J')).toBe('x<U+009B>2J');
    expect(printable('evil\u202egnp.exe \u2066a\u2069')).toBe('evil<U+202E>gnp.exe <U+2066>a<U+2069>');
    expect(printable('a\ud800b')).toBe('a<U+D800>b');
  });

  it('leaves ordinary text alone, accents, scripts and emoji included', () => {
    expect(printable('Zoë 李 🍕 — “well done”')).toBe('Zoë 李 🍕 — “well done”');
  });

  it('never lets an unsafe character through', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => !new RegExp(UNSAFE_CHARACTERS.source, 'u').test(printable(text))));
  });

  it('printableData makes every string of a result printable and keeps the rest', () => {
    const result = { number: 3, rush: false, customerName: 'Eve\u001b[2J', items: [{ name: 'Cola', notes: null, modifiers: ['no\u0007ice'] }] };
    expect(printableData(result)).toEqual({ number: 3, rush: false, customerName: 'Eve␛[2J', items: [{ name: 'Cola', notes: null, modifiers: ['no␇ice'] }] });
  });
});

describe('safeJson', () => {
  it('writes what JSON.stringify leaves raw as \\u escapes, and parses back to the same text', () => {
    const value = { name: 'evil\u202egnp\u009b\u007f', note: 'a\u001bb', lines: ['x'] };
    const text = safeJson(value, 2);
    // Its only raw newlines are the indentation's.
    expect(text.replaceAll('\n', '')).not.toMatch(new RegExp(UNSAFE_CHARACTERS.source, 'u'));
    expect(text).toContain('evil\\u202egnp\\u009b\\u007f');
    expect(JSON.parse(text)).toEqual(value);
    expect(safeJson(value)).toBe(JSON.stringify(value).replace('\u202e', '\\u202e').replace('\u009b', '\\u009b').replace('\u007f', '\\u007f'));
  });
});
