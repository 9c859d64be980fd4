// A customer key is stored only as its SHA-256. Keys carry at least 100 random bits, so a fast
// hash is enough (as for staff tokens): there is nothing a slow hash would protect.
import { createHash } from 'node:crypto';

export function hashCustomerKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
