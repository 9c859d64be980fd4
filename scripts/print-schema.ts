// Writes schema.graphql from the Pothos schema, and the gql.tada introspection files from which
// the CLI and the web tracker derive their result types. tests/unit/schema-file.test.ts fails
// when any of them is stale.
import { writeFileSync } from 'node:fs';
import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';
import { introspectionFromSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../server/graphql/schema/index.ts';

export const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url);
export const TADA_FILES = [
  new URL('../cli/api/graphql-env.d.ts', import.meta.url),
  new URL('../web-tracker/src/graphql-env.d.ts', import.meta.url),
];

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function printedIntrospection(): string {
  const introspection = introspectionFromSchema(lexicographicSortSchema(schema));
  return outputIntrospectionFile(minifyIntrospection(introspection), { fileType: '.d.ts', shouldPreprocess: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  for (const file of TADA_FILES) writeFileSync(file, printedIntrospection());
  console.error('wrote schema.graphql, cli/api/graphql-env.d.ts and web-tracker/src/graphql-env.d.ts');
}
