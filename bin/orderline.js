#!/usr/bin/env node
// Runs the bundled CLI (dist/cli, built at install by scripts/build-cli.ts) while it is newer than
// every source it was built from; otherwise the TypeScript sources through tsx, so an edited
// checkout never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/cli/main.js`;

function newestIn(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestIn(`${path}/${entry}`));
  return newest;
}

const fresh =
  existsSync(bundle) &&
  statSync(bundle).mtimeMs > Math.max(...['cli', 'server', 'shared', 'package.json'].map((source) => newestIn(`${root}${source}`)));

if (fresh) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig wherever the command runs from: tsx would look in the working directory,
  // and without it the screens' JSX compiles for a React that is not in scope.
  register({ tsconfig: `${root}tsconfig.json` });
  await import('../cli/main.ts');
}
