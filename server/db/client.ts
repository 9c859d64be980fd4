// Opens Prisma on the configured database, and the order store that writes orders beside it
// (order-store.ts says why those writes bypass Prisma).
//
// Both clients are generated from the one schema (scripts/prisma.ts swaps only the provider), so
// their rows are the same and their queries differ only where PostgreSQL offers more (transaction
// isolation levels, case-insensitive filters). The PostgreSQL client is therefore typed as the
// SQLite one, here and nowhere else: every caller is held to what both databases support. The
// check below proves the premise at compile time.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type BetterSqlite3 from 'better-sqlite3';
import type * as Postgres from './generated/postgresql/client.ts';
import type * as Sqlite from './generated/sqlite/client.ts';
import type { PrismaClient } from './models.ts';
import type { OrderStore } from './order-store.ts';
import { PgOrderStore, pgPool } from './pg-order-store.ts';
import { SqliteOrderStore } from './sqlite-order-store.ts';
import type { DatabaseTarget } from './target.ts';
import { WriteLock } from './write-lock.ts';

export type { PrismaClient, Tx } from './models.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Accepts<Wider, Narrower> = [Narrower] extends [Wider] ? true : false;
type All<Checks extends boolean[]> = Checks[number] extends true ? true : false;
// Fails to compile (npm run typecheck) the day the clients stop agreeing: the same rows, and the
// reads and writes of the hot tables typed for SQLite accepted by PostgreSQL.
true satisfies All<
  [
    Same<Postgres.Order, Sqlite.Order>,
    Same<Postgres.OrderItem, Sqlite.OrderItem>,
    Same<Postgres.OrderEvent, Sqlite.OrderEvent>,
    Same<Postgres.MenuItem, Sqlite.MenuItem>,
    Same<Postgres.ApiToken, Sqlite.ApiToken>,
    Same<Postgres.IdempotencyKey, Sqlite.IdempotencyKey>,
    Accepts<Postgres.Prisma.OrderFindManyArgs, Sqlite.Prisma.OrderFindManyArgs>,
    Accepts<Postgres.Prisma.OrderCreateArgs, Sqlite.Prisma.OrderCreateArgs>,
    Accepts<Postgres.Prisma.OrderUpdateManyArgs, Sqlite.Prisma.OrderUpdateManyArgs>,
    Accepts<Postgres.Prisma.OrderEventCreateArgs, Sqlite.Prisma.OrderEventCreateArgs>,
    Accepts<Postgres.Prisma.ApiTokenUpdateManyArgs, Sqlite.Prisma.ApiTokenUpdateManyArgs>,
  ]
>;

export interface Database {
  target: DatabaseTarget;
  /** Reads only: on SQLite a connection of its own, so it never sees uncommitted writes. */
  read: PrismaClient;
  /**
   * Writes, always inside `$transaction`. The SQLite adapter keeps one connection and serialises
   * transactions on it; a write outside a transaction could slip into another one's.
   */
  write: PrismaClient;
  /**
   * The order service's writes, without Prisma: on SQLite cached better-sqlite3 statements with
   * group commit on the write connection itself (Prisma's `write` client takes turns with them);
   * on PostgreSQL node-postgres with prepared statements on a pool of its own.
   */
  orders: OrderStore;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Chosen for an embedded kitchen database: WAL lets readers run during writes; NORMAL sync is
// durable across crashes of the process (not of the machine, where the last commits may go).
const SQLITE_PRAGMAS = ['PRAGMA synchronous = NORMAL', 'PRAGMA foreign_keys = ON', 'PRAGMA temp_store = MEMORY'];

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    const { PrismaClient } = await import('./generated/sqlite/client.ts');
    const connect = async (adapter: PrismaBetterSQLite3) => {
      const client = new PrismaClient({ adapter });
      for (const pragma of SQLITE_PRAGMAS) await client.$executeRawUnsafe(pragma);
      return client;
    };
    const sharing = new SharedConnection({ url: target.file, timeout: 10_000 });
    const [prismaWrite, read] = [await connect(sharing), await connect(new PrismaBetterSQLite3({ url: target.file, timeout: 10_000 }))];
    // The order store and Prisma's write client share one connection, so the two never compete
    // for SQLite's write lock (better-sqlite3 would wait for it synchronously, blocking the very
    // event loop the other holder needs to finish); the lock takes turns between them instead.
    const lock = new WriteLock();
    const orders = new SqliteOrderStore(sharing.connection(), lock);
    return {
      target,
      read,
      write: withLockedTransactions(prismaWrite, lock),
      orders,
      ping: async () => void (await read.$queryRawUnsafe('SELECT 1')),
      close: async () => {
        await orders.close();
        await Promise.all([prismaWrite.$disconnect(), read.$disconnect()]);
      },
    };
  }
  const { PrismaClient: PostgresClient } = await import('./generated/postgresql/client.ts');
  const adapter = new PrismaPg(
    { connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 },
    { schema: target.schema },
  );
  const client = new PostgresClient({ adapter }) as unknown as PrismaClient;
  const orders = new PgOrderStore(pgPool(target.url, target.schema));
  return {
    target,
    read: client,
    write: client,
    orders,
    ping: async () => void (await client.$queryRawUnsafe('SELECT 1')),
    close: async () => {
      await Promise.all([orders.close(), client.$disconnect()]);
    },
  };
}

/** The better-sqlite3 adapter, keeping hold of the connection it opens for Prisma. */
class SharedConnection extends PrismaBetterSQLite3 {
  #connection: BetterSqlite3.Database | undefined;

  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 Database as `client` (adapter-better-sqlite3 6.19).
    this.#connection = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    return adapter;
  }

  connection(): BetterSqlite3.Database {
    if (typeof this.#connection?.prepare !== 'function') throw new Error('the SQLite adapter did not expose its connection');
    return this.#connection;
  }
}

/** Prisma's write client whose transactions wait their turn on `lock` (see SharedConnection). */
function withLockedTransactions(client: PrismaClient, lock: WriteLock): PrismaClient {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property === '$transaction') {
        return (...args: Parameters<PrismaClient['$transaction']>) => lock.run(() => target.$transaction(...args));
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
