// Staff API tokens. The secret is shown once; only its SHA-256 is stored. Secrets are 256 random
// bits, so a fast hash is enough: there is nothing to brute-force that a slow hash would protect.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Actor, Role } from './actor.ts';

const SECRET_PREFIX = 'olt_';
/** Shown in listings so people can tell tokens apart without the secret. */
const VISIBLE_CHARS = 8;
const MIN_SECRET_LENGTH = 24;

export function newTokenSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export async function createToken(db: PrismaClient, name: string, role: Role, secret = newTokenSecret()) {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`a token secret needs at least ${MIN_SECRET_LENGTH} characters`);
  }
  const token = await db.$transaction((tx) =>
    tx.apiToken.create({ data: { name, role, tokenHash: hashToken(secret), prefix: secret.slice(0, VISIBLE_CHARS) } }),
  );
  return { token, secret };
}

export type Credentials =
  | { kind: 'none' }
  | { kind: 'bearer'; secret: string }
  | { kind: 'malformed'; reason: string };

/** Reads an `Authorization` value (header or graphql-ws connection_init payload). */
export function parseAuthorization(value: unknown): Credentials {
  if (value === undefined || value === null || value === '') return { kind: 'none' };
  if (typeof value !== 'string') return { kind: 'malformed', reason: 'authorization must be a string' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (!match) return { kind: 'malformed', reason: 'authorization must look like "Bearer <token>"' };
  return { kind: 'bearer', secret: match[1]! };
}

/** How precisely `lastUsedAt` is kept: a token in use is written to at most this often. */
export const LAST_USED_PRECISION_MS = 60_000;

export type Staff = Extract<Actor, { kind: 'staff' }>;

/** The staff member a secret belongs to, by the secret's hash (hashToken), and when the token was last used; null when it is unknown or revoked. */
export async function staffForTokenHash(db: PrismaClient, tokenHash: string): Promise<{ staff: Staff; lastUsedAt: Date | null } | null> {
  const token = await db.apiToken.findUnique({ where: { tokenHash } });
  if (!token || token.revokedAt) return null;
  return { staff: { kind: 'staff', tokenId: token.id, name: token.name, role: token.role }, lastUsedAt: token.lastUsedAt };
}

/**
 * Records that a token was used now, unless that is already known to the minute (the caller
 * checks too, to spare the write): a screen making a request a second costs one write a minute,
 * and several processes never write it twice.
 */
export async function recordTokenUse(db: PrismaClient, tokenId: number, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  await db.$transaction((tx) =>
    tx.apiToken.updateMany({ where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } }),
  );
}

/** Which of `ids` are revoked now: one query, however many connections a process holds open. */
export async function revokedAmong(db: PrismaClient, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const revoked = await db.apiToken.findMany({ where: { id: { in: [...ids] }, revokedAt: { not: null } }, select: { id: true } });
  return revoked.map((token) => token.id);
}

export function listTokens(db: PrismaClient) {
  return db.apiToken.findMany({ orderBy: { id: 'asc' } });
}

/**
 * Revokes a token at once. Refuses to revoke the last active manager token, which would leave
 * nobody able to manage tokens. Revoking a revoked token returns it unchanged.
 */
export async function revokeToken(db: PrismaClient, id: number) {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id } });
    if (!token) throw new NotFoundError(`there is no token with id ${id}`);
    if (token.revokedAt) return token;
    if (token.role === 'MANAGER') {
      const managers = await tx.apiToken.count({ where: { role: 'MANAGER', revokedAt: null } });
      if (managers <= 1) {
        throw new ValidationError([
          { path: 'id', message: `"${token.name}" is the last manager token; create another manager token first` },
        ]);
      }
    }
    return tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  });
}
