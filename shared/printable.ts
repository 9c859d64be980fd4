// Text that came from someone else, made safe to write to a terminal. A customer's name or a note
// could carry ESC sequences (clear the screen, retitle the window, rewrite what a cook reads),
// a BEL, or bidirectional overrides that show text in another order than it is stored. The server
// refuses them now, but rows written before it did are still there, so every terminal client
// shows such characters as visible escapes instead of obeying them. Pure: no I/O.

/**
 * The characters no text from outside may bring to a terminal: C0 controls and DEL, C1 controls
 * (U+0080–U+009F: many terminals obey them as ESC sequences), the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), and lone surrogates (with the `u` flag,
 * `[\ud800-\udfff]` matches only an unpaired one), which are no text at all.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it is for
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

const DEL = 0x7f;

/** How one unsafe character is shown: C0 controls and DEL as their control pictures (ESC as ␛), the rest as <U+202E>. */
function visibleEscape(character: string): string {
  const code = character.codePointAt(0)!;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === DEL) return '\u2421';
  return `<${codePointName(code)}>`;
}

/** A code point as Unicode writes it: 0x202e is "U+202E". */
export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` with every unsafe character shown as a visible escape: "\x1b[2J" becomes "␛[2J". */
export function printable(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, visibleEscape);
}

/** A copy of a result with every string in it printable: what a screen shows, whatever field it draws. */
export function printableData<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableData) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, printableData(field)])) as T;
  }
  return value;
}

/**
 * JSON for a terminal or a pipe: the same document JSON.stringify writes, with the unsafe
 * characters it leaves raw (DEL, C1 controls, bidirectional formatting) written as \u escapes, so
 * a program reads exactly the stored text and a terminal shows it without obeying it. A newline
 * found raw is the indentation's: JSON.stringify escapes every C0 control inside a string.
 */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE_CHARACTERS, (character) =>
    character === '\n' ? character : `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
