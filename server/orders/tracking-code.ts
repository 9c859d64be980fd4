// The customer's key to one order: 20 characters of Crockford base32, 100 random bits, so codes
// cannot be guessed or enumerated. Lower case and without I, L, O or U, so it survives being read
// aloud or typed from a receipt.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const TRACKING_CODE_LENGTH = 20;
const SHAPE = new RegExp(`^[${ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);

export function newTrackingCode(): string {
  // 32 divides 256, so masking each byte keeps every character equally likely.
  return Array.from(randomBytes(TRACKING_CODE_LENGTH), (byte) => ALPHABET[byte & 31]).join('');
}

/** Accepts what people type: any case, spaces or dashes between groups. */
export function normaliseTrackingCode(input: string): string | null {
  const code = input.trim().toLowerCase().replace(/[\s-]/g, '');
  return SHAPE.test(code) ? code : null;
}
