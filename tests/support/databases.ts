// Which databases the integration suite runs against. SQLite always; PostgreSQL when
// ORDERLINE_TEST_POSTGRES_URL names a server (CI sets it). Each test gets a database of its own:
// a fresh SQLite folder, or a fresh PostgreSQL schema dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type Provider = 'sqlite' | 'postgresql';

const postgresUrl = process.env.ORDERLINE_TEST_POSTGRES_URL;

export const PROVIDERS: Provider[] = postgresUrl ? ['sqlite', 'postgresql'] : ['sqlite'];

export interface TestDatabase {
  provider: Provider;
  dataDir: string;
  /** DATABASE_URL for the server; undefined means the default SQLite file in dataDir. */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orderline-test-'));
  if (provider === 'sqlite') {
    return { provider, dataDir, databaseUrl: undefined, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!postgresUrl) throw new Error('ORDERLINE_TEST_POSTGRES_URL is not set');
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const url = new URL(postgresUrl);
  url.searchParams.set('schema', schema);
  return {
    provider,
    dataDir,
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` on a connection of its own to a PostgreSQL test database, its schema the search path. */
export async function withPostgres<T>(database: TestDatabase, work: (client: pg.Client, schema: string) => Promise<T>): Promise<T> {
  const url = new URL(database.databaseUrl!);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString(), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await work(client, schema);
  } finally {
    await client.end();
  }
}
