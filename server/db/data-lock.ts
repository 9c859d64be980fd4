// One server per SQLite database: a second server on the same file would start, write, and hear
// its own events only (pub/sub is in-process), so each would miss the other's changes.
//
// The lock is an exclusive SQLite transaction held open on a small lock database beside the data
// file, for the life of the server. SQLite takes it as an OS file lock, which the kernel releases
// when the process ends however it ends (kill -9 included), so it never goes stale. It does not
// touch the data file itself: `orderline db migrate` and the CLI's reads keep working while a
// server runs. The holder's pid sits in a plain file next to it, only to name it in the message.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import Database from 'better-sqlite3';

class DataFolderInUse extends Error {
  override name = 'DataFolderInUse';
}

export interface DataLock {
  release(): void;
}

/** Takes the lock for `databaseFile` or throws DataFolderInUse naming who holds it. */
export function lockDatabaseFile(databaseFile: string): DataLock {
  const lockFile = `${databaseFile}.lock`;
  const pidFile = `${lockFile}.pid`;
  mkdirSync(dirname(databaseFile), { recursive: true });
  // No busy wait: a held lock is a running server, not a moment's contention.
  const lock = new Database(lockFile, { timeout: 0 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new DataFolderInUse(
      `another Orderline server is using ${shown(dirname(databaseFile))}${holder(pidFile)}; stop it or choose another --data-dir`,
    );
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return {
    release() {
      rmSync(pidFile, { force: true });
      lock.close();
    },
  };
}

function holder(pidFile: string): string {
  try {
    const pid = readFileSync(pidFile, 'utf8').trim();
    return pid ? ` (pid ${pid})` : '';
  } catch {
    return ''; // it took the lock a moment ago and has not written its pid yet
  }
}

/** The folder as the operator would type it: relative when it is under the working directory. */
function shown(folder: string): string {
  const path = relative(process.cwd(), folder);
  return path && !path.startsWith('..') ? `./${path}` : folder;
}
