// A customer key is stored as a staff token's secret is: only its SHA-256. Keys carry at least
// 100 random bits, so a fast hash is enough: there is nothing a slow hash would protect.
import { hashToken } from '../auth/tokens.ts';

export const hashCustomerKey: (key: string) => string = hashToken;
