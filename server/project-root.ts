// The folder Orderline is installed in, found by walking up to its package.json, so files shipped
// beside the code (migrations, the built web tracker) are found the same way whether this module
// runs from its source or from the bundled CLI in dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'orderline') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find Orderline's package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
