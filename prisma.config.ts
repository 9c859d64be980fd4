// Prisma's CLI is used offline only: `prisma generate` and `prisma migrate diff`. The JS schema
// engine avoids the native engine download, which the build machines cannot reach.
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    return new PrismaBetterSQLite3({ url: ':memory:' });
  },
});
