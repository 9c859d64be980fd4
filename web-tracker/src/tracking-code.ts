// Tracking codes as people type them. The server's codes are 20 characters of Crockford base32 in
// lower case; customers copy them from receipts and messages, so any case, spaces and dashes are
// accepted and stripped. Crockford base32 never uses I, L or O, so like its decoders we read them as
// the digits they are usually mistaken for.

const SHAPE = /^[0-9abcdefghjkmnpqrstvwxyz]{20}$/;
const LOOKALIKES: Record<string, string> = { o: '0', i: '1', l: '1' };

/** The code in its canonical form, or null when what was typed cannot be a tracking code. */
export function normaliseTrackingCode(input: string): string | null {
  const code = input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[oil]/g, (letter) => LOOKALIKES[letter] ?? letter);
  return SHAPE.test(code) ? code : null;
}

/** The tracker's address for a code. */
export function trackingPath(code: string): string {
  return `/track/${code}`;
}
