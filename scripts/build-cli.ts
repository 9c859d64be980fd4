// Bundles the CLI (and the server it runs) into dist/cli: at install in a checkout, and into the
// package (`npm pack`), so `orderline` starts in a fraction of the time TypeScript through tsx
// takes and an installed Orderline needs no build tools (scripts/bundle.ts says what is bundled).
// Chunks are split at the CLI's lazy imports, so a command loads only what it uses.
// bin/orderline.js runs the bundle only while it is newer than every source.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, ROOT } from './bundle.ts';

const OUT = join(ROOT, 'dist', 'cli');
// Built beside and swapped in whole, so a CLI starting meanwhile never sees half a bundle.
const staging = `${OUT}.${process.pid}`;
await bundle([join(ROOT, 'cli', 'main.ts')], staging, { splitting: true });
rmSync(OUT, { recursive: true, force: true });
renameSync(staging, OUT);
