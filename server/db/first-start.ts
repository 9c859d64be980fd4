// One-time setup of a new database, run under the migration lock so that several servers starting
// together do it exactly once: the demo menu, and a manager token when there is none.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chosenSecretProblem } from '../auth/secret-strength.ts';
import { createToken } from '../auth/tokens.ts';
import type { PrismaClient } from './client.ts';
import { DEMO_MENU } from './demo-menu.ts';

export const TOKEN_FILE_NAME = 'manager-token';

export interface FirstStartResult {
  seededMenu: boolean;
  /** Present when a manager token was created now: the secret, where it was written, and whether it came from ORDERLINE_ADMIN_TOKEN. */
  managerToken?: { secret: string; file: string; fromEnvironment: boolean };
}

export async function firstStart(
  db: PrismaClient,
  options: { dataDir: string; adminToken?: string | undefined },
): Promise<FirstStartResult> {
  const result: FirstStartResult = { seededMenu: false };
  if ((await db.menuItem.count()) === 0) {
    await db.$transaction((tx) =>
      tx.menuItem.createMany({ data: DEMO_MENU.map((item, sortOrder) => ({ ...item, sortOrder })) }),
    );
    result.seededMenu = true;
  }
  if ((await db.apiToken.count()) === 0) {
    // A manager token guards everything: one a person made up is refused unless it is random enough.
    const problem = options.adminToken === undefined ? undefined : chosenSecretProblem(options.adminToken);
    if (problem) throw new Error(`ORDERLINE_ADMIN_TOKEN ${problem}.\nMake one with: openssl rand -base64 32`);
    const { secret } = await createToken(db, 'first manager', 'MANAGER', options.adminToken);
    result.managerToken = { secret, file: writeTokenFile(options.dataDir, secret), fromEnvironment: options.adminToken !== undefined };
  }
  return result;
}

/** Readable by its owner only, so a CLI on the same machine can use it without copying. */
function writeTokenFile(dataDir: string, secret: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, TOKEN_FILE_NAME);
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync keeps the mode of a file that already existed
  return file;
}
