import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedIntrospection, printedSchema, SCHEMA_FILE, TADA_FILE } from '../../scripts/print-schema.ts';

describe('files generated from the schema (run `npm run schema:print` after changing it)', () => {
  it('schema.graphql matches the Pothos schema', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('shared/graphql-env.d.ts, the clients’ result types, matches it too', () => {
    expect(readFileSync(TADA_FILE, 'utf8')).toBe(printedIntrospection());
  });
});
