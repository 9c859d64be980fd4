// Migrations: generated from the one Prisma schema, applied once, all or nothing.
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, type Migration } from '../../server/db/migrate.ts';
import { resolveDatabaseTarget, SQLITE_FILE_NAME } from '../../server/db/target.ts';
import { createTestDatabase, PROVIDERS, withPostgres, type TestDatabase } from '../support/databases.ts';
import { runCli } from '../support/cli.ts';
import { join } from 'node:path';
import { ADVANCE, ORDER_EVENTS } from '../support/operations.ts';
import { startServer } from '../support/server.ts';
import { subscribe } from '../support/subscription.ts';

const created: TestDatabase[] = [];
async function freshDatabase(provider: 'sqlite' | 'postgresql') {
  const database = await createTestDatabase(provider);
  created.push(database);
  return { database, target: resolveDatabaseTarget(database.databaseUrl, database.dataDir) };
}
afterEach(async () => {
  await Promise.all(created.splice(0).map((d) => d.drop()));
});

/** The tables in the database, each with its columns: what a migration run leaves behind. */
async function tablesOf(database: TestDatabase): Promise<Record<string, string[]>> {
  if (database.provider === 'sqlite') {
    const db = new Database(join(database.dataDir, SQLITE_FILE_NAME), { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    const result = Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`SELECT name, type, "notnull" FROM pragma_table_info(?)`).all(name) as { name: string; type: string; notnull: number }[]).map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`)]),
    );
    db.close();
    return result;
  }
  const rows = await withPostgres(
    database,
    async (client, schema) =>
      (await client.query(`SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`, [schema])).rows,
  );
  const result: Record<string, string[]> = {};
  for (const row of rows) (result[row.table_name] ??= []).push(`${row.column_name} ${row.data_type}${row.is_nullable === 'NO' ? ' NOT NULL' : ''}`);
  return result;
}

/** Runs SQL statements (`?` parameters) on the test database, as something other than Orderline would. */
async function execute(database: TestDatabase, statements: [string, ...unknown[]][]): Promise<void> {
  if (database.provider === 'sqlite') {
    const db = new Database(join(database.dataDir, SQLITE_FILE_NAME));
    for (const [sql, ...params] of statements) db.prepare(sql).run(...params);
    db.close();
    return;
  }
  await withPostgres(database, async (client) => {
    for (const [sql, ...params] of statements) {
      let n = 0;
      await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    }
  });
}

describe.each(PROVIDERS)('migrations on %s', (provider) => {
  it('a first run applies every migration and a second applies nothing', async () => {
    const { target } = await freshDatabase(provider);
    const all = loadMigrations(provider).map((m) => m.name);
    expect(await migrate(target)).toEqual({ applied: all });
    expect(await migrate(target)).toEqual({ applied: [] });
  });

  it('a migration that fails leaves the database exactly as it was', async () => {
    const { database, target } = await freshDatabase(provider);
    await migrate(target);
    const before = await tablesOf(database);
    const broken: Migration = {
      name: '29990101000000_broken',
      checksum: 'x',
      sql: 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;',
    };
    await expect(migrate(target, { migrations: [...loadMigrations(provider), broken] })).rejects.toThrow(
      /migration 29990101000000_broken failed: .*Nothing was changed/,
    );
    expect(await tablesOf(database)).toEqual(before);
    expect(await migrate(target)).toEqual({ applied: [] });
  });

  it('a log written before events recorded their transaction goes on, in order, after the migration', async () => {
    const { database, target } = await freshDatabase(provider);
    const all = loadMigrations(provider);
    await migrate(target, { migrations: all.filter((m) => m.name < '20261202020711_event_position') });
    // Three events of one order, their ids from the EventSequence row, as Orderline wrote them.
    // UTC with an offset, as both databases' timestamp columns hold it; SQLite takes no booleans.
    const now = new Date().toISOString().replace('Z', '+00:00');
    await execute(database, [
      [
        'INSERT INTO "Order" (id, number, "businessDate", "trackingCode", type, status, "customerName", rush, "prepMinutes", version, "placedAt", "promisedAt", "updatedAt") VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
        now.slice(0, 10), 'old-order', 'TAKEOUT', 'PENDING', 'Before', 0, 10, now, now, now,
      ],
      ...[1, 2, 3].map((id): [string, ...unknown[]] => ['INSERT INTO "OrderEvent" (id, "orderId", kind, actor, at) VALUES (?, 1, ?, ?, ?)', id, 'RUSH_CHANGED', 'system', now]),
      ['UPDATE "EventSequence" SET "lastId" = 3 WHERE id = 1'],
    ]);
    expect((await migrate(target)).applied).toEqual(all.map((m) => m.name).filter((name) => name >= '20261202020711_event_position'));

    const server = await startServer({ database });
    try {
      expect((await server.gql(ADVANCE, { number: 1 })).data.advanceOrder.event.id).toBe('4');
      const ids = ['1', '2', '3', '4'];
      if (provider === 'postgresql') {
        // A server of the version before, still running during a rolling upgrade, appends the way
        // it did: an id from the EventSequence row, no transaction recorded. It neither collides
        // with the new servers' ids nor falls out of the log's order.
        await execute(database, [
          [
            'WITH next AS (UPDATE "EventSequence" SET "lastId" = "lastId" + 1 WHERE id = 1 RETURNING "lastId") ' +
              'INSERT INTO "OrderEvent" (id, "orderId", kind, actor, at) SELECT "lastId", 1, ?, ?, ? FROM next',
            'RUSH_CHANGED', 'an older server', now,
          ],
        ]);
        expect((await server.gql(ADVANCE, { number: 1 })).data.advanceOrder.event.id).toBe('6');
        ids.push('5', '6');
      }
      const stream = subscribe(server.ws(), ORDER_EVENTS, { after: '0' });
      expect((await stream.take(ids.length)).map((e) => e.orderEvents.id)).toEqual(ids);
      stream.unsubscribe();
      const resumed = subscribe(server.ws(), ORDER_EVENTS, { after: '2' });
      expect((await resumed.take(ids.length - 2)).map((e) => e.orderEvents.id)).toEqual(ids.slice(2));
      await expect(resumed.next(300)).rejects.toThrow(/no subscription event/);
      resumed.unsubscribe();
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('the migrations build exactly the tables the Prisma schema describes', async () => {
    const fromMigrations = await freshDatabase(provider);
    await migrate(fromMigrations.target);
    const fromSchema = await freshDatabase(provider);
    const schemaFile = provider === 'sqlite' ? 'prisma/schema.prisma' : 'prisma/postgresql/schema.prisma';
    const sql = execFileSync('npx', ['prisma', 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', schemaFile, '--script'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await migrate(fromSchema.target, { migrations: [{ name: '00000000000000_schema', checksum: 'schema', sql }] });
    const expected = await tablesOf(fromSchema.database);
    const actual = await tablesOf(fromMigrations.database);
    expect(actual).toEqual(expected);
  }, 60_000);
});

describe('starting on a database Orderline cannot use', { timeout: 60_000 }, () => {
  it('refuses to start, says why, and changes nothing', async () => {
    const { database } = await freshDatabase('sqlite');
    // Somebody else's table where Orderline's first migration wants to create one.
    const foreign = new Database(join(database.dataDir, SQLITE_FILE_NAME));
    foreign.exec('CREATE TABLE "MenuItem" ("sku" TEXT PRIMARY KEY)');
    foreign.close();
    const before = await tablesOf(database);

    const run = await runCli(['serve', '--port', '0', '--data-dir', database.dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^orderline: migration \d+_init failed: table "MenuItem" already exists\. Nothing was changed/m);
    expect(await tablesOf(database)).toEqual(before);
  });

  it('refuses a database migrated by a newer Orderline', async () => {
    const { database, target } = await freshDatabase('sqlite');
    await migrate(target);
    const db = new Database(join(database.dataDir, SQLITE_FILE_NAME));
    db.prepare(`INSERT INTO _orderline_migrations (name, checksum, applied_at) VALUES (?, ?, ?)`).run('29990101000000_future', 'f', 'now');
    db.close();
    const run = await runCli(['db', 'migrate', '--data-dir', database.dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the database has migration 29990101000000_future, which this version of Orderline does not know');
  });
});
