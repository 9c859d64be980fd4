import { describe, expect, it } from 'vitest';
import { MigrationError, pendingMigrations, type Migration } from '../../server/db/migrate.ts';

const file = (name: string, checksum = `sum-${name}`): Migration => ({ name, checksum, sql: '' });

describe('which migrations to apply', () => {
  const available = [file('001_init'), file('002_rush'), file('003_notes')];

  it('applies, in order, the ones the database does not have', () => {
    expect(pendingMigrations(available, []).map((m) => m.name)).toEqual(['001_init', '002_rush', '003_notes']);
    expect(pendingMigrations(available, [{ name: '001_init', checksum: 'sum-001_init' }]).map((m) => m.name)).toEqual(['002_rush', '003_notes']);
    expect(pendingMigrations(available, available)).toEqual([]);
  });

  it('refuses a database migrated by a newer version', () => {
    expect(() => pendingMigrations(available, [...available, file('004_future')])).toThrow(
      new MigrationError('the database has migration 004_future, which this version of Orderline does not know; run a newer Orderline against it'),
    );
  });

  it('refuses a migration edited after it was applied', () => {
    expect(() => pendingMigrations(available, [{ name: '002_rush', checksum: 'something else' }])).toThrow(/migration 002_rush changed after it was applied/);
  });
});
