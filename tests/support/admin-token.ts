// A manager token as an operator makes one for ORDERLINE_ADMIN_TOKEN (`openssl rand -base64 32`):
// a made-up name is refused at start (server/auth/secret-strength.ts).
import { randomBytes } from 'node:crypto';

export function newAdminToken(): string {
  return randomBytes(32).toString('base64');
}
