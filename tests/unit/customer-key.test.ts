import { describe, expect, it } from 'vitest';
import { CUSTOMER_KEY_MAX_LENGTH, CUSTOMER_KEY_MIN_LENGTH, isCustomerKey, newCustomerKey } from '../../shared/customer-key.ts';

describe('customer keys', () => {
  it('are made fresh each time, in the shape the server accepts', () => {
    const keys = Array.from({ length: 200 }, newCustomerKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(isCustomerKey(key), key).toBe(true);
    // Every character of the alphabet turns up: none is left out or favoured by construction.
    expect(new Set(keys.join('')).size).toBe(32);
  });

  it('are 20 to 64 characters of the tracking-code alphabet, as they are', () => {
    expect(isCustomerKey('0'.repeat(CUSTOMER_KEY_MIN_LENGTH))).toBe(true);
    expect(isCustomerKey('z'.repeat(CUSTOMER_KEY_MAX_LENGTH))).toBe(true);
    expect(isCustomerKey('0'.repeat(CUSTOMER_KEY_MIN_LENGTH - 1))).toBe(false);
    expect(isCustomerKey('z'.repeat(CUSTOMER_KEY_MAX_LENGTH + 1))).toBe(false);
    const key = newCustomerKey();
    expect(isCustomerKey(key.toUpperCase())).toBe(false);
    expect(isCustomerKey(`${key.slice(1)}u`)).toBe(false);
    expect(isCustomerKey(`${key.slice(1)}-`)).toBe(false);
    expect(isCustomerKey(` ${key}`)).toBe(false);
    expect(isCustomerKey('')).toBe(false);
  });
});
