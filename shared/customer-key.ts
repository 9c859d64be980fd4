// The shape of a customer key: a private key a customer's browser makes once and keeps, which
// finds that customer's own orders and nothing else (customerOrders). Tracking codes' alphabet
// (Crockford base32, lower case), 20 to 64 characters: at least 100 random bits, so keys cannot be
// guessed. Shared and pure, so the server and the web tracker agree on what a key is.
import { TRACKING_CODE_ALPHABET, randomCode } from './tracking-code.ts';

export const CUSTOMER_KEY_MIN_LENGTH = 20;
export const CUSTOMER_KEY_MAX_LENGTH = 64;
/** What `newCustomerKey` makes: 130 random bits. */
const NEW_KEY_LENGTH = 26;

const SHAPE = new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${CUSTOMER_KEY_MIN_LENGTH},${CUSTOMER_KEY_MAX_LENGTH}}$`);

/** Why a key is refused, for the person or program that sent it. */
export const CUSTOMER_KEY_RULE = `a customer key is ${CUSTOMER_KEY_MIN_LENGTH} to ${CUSTOMER_KEY_MAX_LENGTH} characters of ${TRACKING_CODE_ALPHABET} (lower case, no i, l, o or u), made once by the customer's browser`;

export function isCustomerKey(key: string): boolean {
  return SHAPE.test(key);
}

/** A new key, for a browser to make once and keep. */
export function newCustomerKey(): string {
  return randomCode(NEW_KEY_LENGTH);
}
