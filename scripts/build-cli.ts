// Bundles the CLI (and the server it runs) into dist/cli: at install in a checkout, and into the
// package (`npm pack`), so `orderline` starts in a fraction of the time TypeScript through tsx
// takes and an installed Orderline needs no build tools (scripts/bundle.ts says what is bundled).
// bin/orderline.js runs the bundle only while it is newer than every source.
import { buildCli } from './bundle.ts';

await buildCli();
