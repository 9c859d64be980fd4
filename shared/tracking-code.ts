// The shape of a tracking code, the customer's key to one order: 20 characters of Crockford base32,
// lower case, without I, L, O or U, so it survives being read aloud or typed from a receipt. Shared
// and pure, so the server and the web tracker read codes exactly alike.

export const TRACKING_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const TRACKING_CODE_LENGTH = 20;

/** `length` random characters of the alphabet, from the platform's secure random source (Web Crypto). */
export function randomCode(length: number): string {
  // 32 divides 256, so masking each byte keeps every character equally likely.
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => TRACKING_CODE_ALPHABET[byte & 31]).join('');
}

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
