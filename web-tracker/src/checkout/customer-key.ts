// This browser's customer key: made once, kept in localStorage, sent with every order placed here,
// and the only way to this customer's own orders (customerOrders). Private like a tracking code.
import { isCustomerKey, newCustomerKey } from '../../../shared/customer-key.ts';

const STORAGE_KEY = 'orderline.customer-key';
/** Where storage is refused (a private window, a locked-down browser): this visit's own key. */
let fallback: string | null = null;

/** The key kept in storage, if there is a well-formed one and storage may be read. */
function stored(): string | null {
  try {
    const key = localStorage.getItem(STORAGE_KEY);
    return key && isCustomerKey(key) ? key : null;
  } catch {
    return null;
  }
}

/** The key if this browser has ever ordered; null otherwise (nothing to list, so nothing to ask). */
export function existingCustomerKey(): string | null {
  return stored() ?? fallback;
}

/** This browser's key, made and kept the first time it is needed (placing an order). */
export function customerKey(): string {
  const existing = existingCustomerKey();
  if (existing) return existing;
  const made = newCustomerKey();
  try {
    localStorage.setItem(STORAGE_KEY, made);
  } catch {
    fallback = made;
  }
  return made;
}
