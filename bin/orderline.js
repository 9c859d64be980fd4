#!/usr/bin/env node
// Runs the bundled CLI (dist/cli, built by scripts/build-cli.ts). An installed package has only
// the bundle. In a checkout the bundle runs while it is newer than every source it was built
// from, and the TypeScript sources run through tsx otherwise, so an edit never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/cli/main.js`;
const SOURCES = ['cli', 'server', 'shared', 'package.json'];

function newestIn(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestIn(`${path}/${entry}`));
  return newest;
}

const checkout = existsSync(`${root}cli/main.ts`);
const fresh = existsSync(bundle) && (!checkout || statSync(bundle).mtimeMs > Math.max(...SOURCES.map((source) => newestIn(`${root}${source}`))));

if (fresh) {
  await import(bundle);
} else if (!checkout) {
  console.error(`orderline: this installation has no ${bundle}; install Orderline again (npm install -g ./orderline-<version>.tgz)`);
  process.exit(1);
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig wherever the command runs from: tsx would look in the working directory,
  // and without it the screens' JSX compiles for a React that is not in scope.
  register({ tsconfig: `${root}tsconfig.json` });
  await import('../cli/main.ts');
}
