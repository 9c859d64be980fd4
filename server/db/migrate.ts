// Applies the SQL migrations in prisma/migrations/<provider>, generated from the one Prisma schema.
//
// Our own small runner rather than `prisma migrate deploy`, for two reasons. Prisma's native
// schema engine is downloaded at run time, which a kitchen machine (or a build machine without the
// internet) cannot do, so Orderline uses Prisma 6's JS engine, and on PostgreSQL that engine
// cannot be trusted: with @prisma/adapter-pg 6 it fails on the `name` column type
// (prisma/orm#27403), and with adapter 7 it records migrations as applied without running their
// SQL. And a server must migrate at start by itself, several processes at once, without the
// prisma CLI (a build tool, not shipped in the package).
//
// All pending migrations run in one transaction, so a failure leaves the database exactly as it
// was; concurrent starters are serialised by a lock. tests/integration/migrations.test.ts proves
// the migrations build what the schema describes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PROJECT_ROOT } from '../project-root.ts';
import type { DatabaseTarget } from './target.ts';

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'migrations');
const TABLE = '_orderline_migrations';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function loadMigrations(provider: DatabaseTarget['provider'], root = MIGRATIONS_DIR): Migration[] {
  const dir = join(root, provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * The migrations still to apply. Refuses a database this version does not understand: one with a
 * migration unknown here (written by a newer Orderline) or one whose applied file has since changed.
 */
export function pendingMigrations(available: Migration[], applied: AppliedMigration[]): Migration[] {
  const known = new Map(available.map((m) => [m.name, m]));
  for (const row of applied) {
    const file = known.get(row.name);
    if (!file) {
      throw new MigrationError(
        `the database has migration ${row.name}, which this version of Orderline does not know; run a newer Orderline against it`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.name} changed after it was applied; restore prisma/migrations/${row.name} as released`,
      );
    }
  }
  const done = new Set(applied.map((row) => row.name));
  return available.filter((m) => !done.has(m.name));
}

/** What a database connection must offer the runner, so it is written once for both providers. */
interface MigrationSession {
  /** Takes the cross-process lock and opens the transaction. */
  begin(): Promise<void>;
  exec(sql: string): Promise<void>;
  applied(): Promise<AppliedMigration[]>;
  record(m: Migration): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Releases the lock and the connection. */
  close(): Promise<void>;
}

export interface MigrateResult {
  applied: string[];
}

/**
 * Brings the database up to date. `whileLocked` runs after the migrations commit but before the
 * lock is released, so one-time setup (the demo menu, the first token) happens exactly once even
 * when several servers start together.
 */
export async function migrate(
  target: DatabaseTarget,
  options: { migrations?: Migration[]; whileLocked?: () => Promise<void> } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? loadMigrations(target.provider);
  const session = target.provider === 'sqlite' ? sqliteSession(target.file) : await postgresSession(target);
  try {
    await session.begin();
    let pending: Migration[];
    try {
      await session.exec(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
      );
      pending = pendingMigrations(migrations, await session.applied());
      for (const migration of pending) {
        try {
          await session.exec(migration.sql);
        } catch (error) {
          throw new MigrationError(
            `migration ${migration.name} failed: ${(error as Error).message}. Nothing was changed; fix the migration or the database and start again`,
          );
        }
        await session.record(migration);
      }
      await session.commit();
    } catch (error) {
      await session.rollback();
      throw error;
    }
    await options.whileLocked?.();
    return { applied: pending.map((m) => m.name) };
  } finally {
    await session.close();
  }
}

function sqliteSession(file: string): MigrationSession {
  // One process owns an embedded database; BEGIN IMMEDIATE still guards against a second one.
  const db = new Database(file, { timeout: 15_000 });
  db.pragma('journal_mode = WAL');
  return {
    async begin() {
      db.exec('BEGIN IMMEDIATE');
    },
    async exec(sql) {
      db.exec(sql);
    },
    async applied() {
      return db.prepare(`SELECT name, checksum FROM ${TABLE} ORDER BY name`).all() as AppliedMigration[];
    },
    async record(m) {
      db.prepare(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
    },
    async commit() {
      db.exec('COMMIT');
    },
    async rollback() {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
    async close() {
      db.close();
    },
  };
}

async function postgresSession(target: Extract<DatabaseTarget, { provider: 'postgresql' }>): Promise<MigrationSession> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  const schema = `"${target.schema}"`;
  const lockKey = `orderline:migrate:${target.schema}`;
  return {
    async begin() {
      // A session lock, held past COMMIT until close(), so `whileLocked` is covered too.
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
      await client.query('BEGIN');
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`SET LOCAL search_path TO ${schema}`);
    },
    async exec(sql) {
      await client.query(sql);
    },
    async applied() {
      return (await client.query<AppliedMigration>(`SELECT name, checksum FROM ${TABLE} ORDER BY name`)).rows;
    },
    async record(m) {
      await client.query(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES ($1, $2, $3)`, [
        m.name,
        m.checksum,
        new Date().toISOString(),
      ]);
    },
    async commit() {
      await client.query('COMMIT');
    },
    async rollback() {
      await client.query('ROLLBACK').catch(() => undefined);
    },
    async close() {
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await client.end();
    },
  };
}
