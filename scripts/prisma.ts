// Prisma housekeeping, offline. One schema (prisma/schema.prisma, SQLite) is the source; the
// PostgreSQL schema is derived from it, so both databases always share the same models.
//
//   tsx scripts/prisma.ts generate          derive the PostgreSQL schema, generate both clients
//   tsx scripts/prisma.ts migration <name>  write the SQL for both providers into prisma/migrations
//
// Prisma's `migrate dev` needs a shadow database that the JS schema engine cannot create here, so
// a new migration is the diff from prisma/migrations/migrated.prisma (the models as the existing
// migrations leave them) to the current schema. tests/integration/migrations.test.ts proves that
// the migrations build exactly what the schema describes.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROVIDERS = ['sqlite', 'postgresql'] as const;
const SOURCE = 'prisma/schema.prisma';
const SNAPSHOT = 'prisma/migrations/migrated.prisma';
const POSTGRES_SCHEMA = 'prisma/postgresql/schema.prisma';

/** The PostgreSQL variant of the SQLite source, placed one folder deeper (prisma/postgresql/). */
function postgresSchema(source: string): string {
  return [
    '// Generated from prisma/schema.prisma by scripts/prisma.ts; edit that file instead.',
    source
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('"file:./unused.db"', '"postgresql://unused"')
      .replace('"../server/db/generated/sqlite"', '"../../server/db/generated/postgresql"'),
  ].join('\n');
}

function prisma(...args: string[]): string {
  return execFileSync('npx', ['prisma', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function generate(): void {
  mkdirSync('prisma/postgresql', { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SOURCE, 'utf8')));
  prisma('generate', '--schema', SOURCE);
  prisma('generate', '--schema', POSTGRES_SCHEMA);
}

function migration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`a migration name is snake_case, got "${name}"`);
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const scratch = mkdtempSync(join(tmpdir(), 'orderline-migration-'));
  try {
    let wrote = false;
    for (const provider of PROVIDERS) {
      const variant = (text: string) => (provider === 'sqlite' ? text : postgresSchema(text));
      const to = join(scratch, `${provider}-to.prisma`);
      writeFileSync(to, variant(readFileSync(SOURCE, 'utf8')));
      const from = join(scratch, `${provider}-from.prisma`);
      if (existsSync(SNAPSHOT)) writeFileSync(from, variant(readFileSync(SNAPSHOT, 'utf8')));
      const fromArgs = existsSync(SNAPSHOT) ? ['--from-schema-datamodel', from] : ['--from-empty'];
      const sql = prisma('migrate', 'diff', ...fromArgs, '--to-schema-datamodel', to, '--script');
      if (/^\s*(-- This is an empty migration\.)?\s*$/.test(sql)) continue;
      const dir = join('prisma', 'migrations', provider, `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'migration.sql'), sql);
      console.error(`wrote ${dir}/migration.sql`);
      wrote = true;
    }
    if (wrote) copyFileSync(SOURCE, SNAPSHOT);
    else console.error('the migrations already match the schema; nothing written');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const [command, arg] = process.argv.slice(2);
if (command === 'generate') generate();
else if (command === 'migration' && arg) migration(arg);
else {
  console.error('usage: tsx scripts/prisma.ts generate | migration <snake_case_name>');
  process.exitCode = 2;
}
