import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedIntrospection, printedSchema, SCHEMA_FILE, TADA_FILES } from '../../scripts/print-schema.ts';

describe('files generated from the schema (run `npm run schema:print` after changing it)', () => {
  it('schema.graphql matches the Pothos schema', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it.each(TADA_FILES.map((url) => [url.pathname.split('/').slice(-3).join('/'), url]))('%s matches it too', (_name, url) => {
    expect(readFileSync(url, 'utf8')).toBe(printedIntrospection());
  });
});
