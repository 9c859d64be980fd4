// Writes schema.graphql from the Pothos schema, and the gql.tada introspection file from which
// every client (the CLI, its screens, the web tracker) derives its result types.
// tests/unit/schema-file.test.ts fails when either is stale.
import { writeFileSync } from 'node:fs';
import { minifyIntrospection, outputIntrospectionFile } from '@gql.tada/internal';
import { introspectionFromSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../server/graphql/schema/index.ts';

export const SCHEMA_FILE = new URL('../schema.graphql', import.meta.url);
export const TADA_FILE = new URL('../shared/graphql-env.d.ts', import.meta.url);

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function printedIntrospection(): string {
  const introspection = introspectionFromSchema(lexicographicSortSchema(schema));
  return outputIntrospectionFile(minifyIntrospection(introspection), { fileType: '.d.ts', shouldPreprocess: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  writeFileSync(TADA_FILE, printedIntrospection());
  console.error('wrote schema.graphql and shared/graphql-env.d.ts');
}
