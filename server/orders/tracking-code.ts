// New tracking codes: 100 random bits, so codes cannot be guessed or enumerated.
import { randomBytes } from 'node:crypto';
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH } from '../../shared/tracking-code.ts';

export function newTrackingCode(): string {
  // 32 divides 256, so masking each byte keeps every character equally likely.
  return Array.from(randomBytes(TRACKING_CODE_LENGTH), (byte) => TRACKING_CODE_ALPHABET[byte & 31]).join('');
}
