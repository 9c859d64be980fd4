// This browser's customer key: made once, kept in localStorage, sent with every order placed here,
// and the only way to this customer's own orders (customerOrders). Private like a tracking code.
import { isCustomerKey, newCustomerKey } from '../../../shared/customer-key.ts';

const STORAGE_KEY = 'orderline.customer-key';
/** Where storage is refused (a private window, a locked-down browser): this visit's own key. */
let fallback: string | null = null;

export function customerKey(): string {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && isCustomerKey(stored)) return stored;
    const made = newCustomerKey();
    localStorage.setItem(STORAGE_KEY, made);
    return made;
  } catch {
    return (fallback ??= newCustomerKey());
  }
}

/** The key if this browser has ever ordered; null otherwise (nothing to list, so nothing to ask). */
export function existingCustomerKey(): string | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored && isCustomerKey(stored) ? stored : fallback;
  } catch {
    return fallback;
  }
}
