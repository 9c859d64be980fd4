// The shape of a tracking code, the customer's key to one order: 20 characters of Crockford base32,
// lower case, without I, L, O or U, so it survives being read aloud or typed from a receipt. Shared
// and pure, so the server and the web tracker read codes exactly alike.

export const TRACKING_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const TRACKING_CODE_LENGTH = 20;

const SHAPE = new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);
/** Crockford base32 never uses I, L or O; like its decoders, read them as the digits they resemble. */
const LOOKALIKES: Record<string, string> = { o: '0', i: '1', l: '1' };

/** The code in its canonical form from what people type (any case, spaces, dashes), or null. */
export function normaliseTrackingCode(input: string): string | null {
  const code = input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[oil]/g, (letter) => LOOKALIKES[letter] ?? letter);
  return SHAPE.test(code) ? code : null;
}
