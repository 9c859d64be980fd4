// Where the data lives, decided once from the settings: an embedded SQLite file (the default) or a
// PostgreSQL database, optionally in its own schema (`?schema=name`, as Prisma spells it).
import { isAbsolute, join, resolve } from 'node:path';

export type DatabaseTarget =
  | { provider: 'sqlite'; file: string }
  | { provider: 'postgresql'; url: string; schema: string };

export const SQLITE_FILE_NAME = 'orderline.db';

export function resolveDatabaseTarget(databaseUrl: string | undefined, dataDir: string): DatabaseTarget {
  if (!databaseUrl) return { provider: 'sqlite', file: resolve(join(dataDir, SQLITE_FILE_NAME)) };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const url = new URL(databaseUrl);
    const schema = url.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`DATABASE_URL: schema must be a plain identifier, got "${schema}"`);
    }
    url.searchParams.delete('schema');
    return { provider: 'postgresql', url: url.toString(), schema };
  }
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.slice('file:'.length);
    return { provider: 'sqlite', file: isAbsolute(path) ? path : resolve(path) };
  }
  throw new Error(
    `DATABASE_URL must start with postgresql:// or file:, got "${redact(databaseUrl)}"`,
  );
}

/** The target as it may appear in logs and messages: never with a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === 'sqlite') return `SQLite ${target.file}`;
  const schema = target.schema === 'public' ? '' : ` (schema ${target.schema})`;
  return `PostgreSQL ${redact(target.url)}${schema}`;
}

/** A short name for the database, the same from every process that uses it: a pub/sub namespace. */
export function databaseIdentity(target: DatabaseTarget): string {
  if (target.provider === 'sqlite') return target.file;
  const url = new URL(target.url);
  return `${url.hostname}:${url.port || 5432}${url.pathname}/${target.schema}`;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
