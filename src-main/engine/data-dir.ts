import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A data directory that no other Portcullis process can open while we hold it. */
export interface DataDirLock {
  dir: string;
  release(): void;
}

export class DataDirError extends Error {}

/** The directory is held by a live Portcullis process (a running service or another command). */
export class DataDirInUseError extends DataDirError {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dir} is in use by another Portcullis process (pid ${pid})`);
  }
}

const LOCK_FILE = 'portcullis.lock';

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Creates the directory (0700: it holds keys and personal data) and takes an exclusive lock,
 * because two processes appending to one audit chain would fork it. A lock left by a process
 * that no longer runs (a crash) is taken over.
 */
export function lockDataDir(given: string): DataDirLock {
  const dir = resolve(given);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataDirError(`cannot create data directory ${dir}: ${(error as Error).message}`);
  }
  const lockPath = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        dir,
        release: () => rmSync(lockPath, { force: true }),
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new DataDirError(`cannot lock data directory ${dir}: ${(error as Error).message}`);
      }
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && processAlive(holder)) {
        throw new DataDirInUseError(dir, holder);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirError(`cannot lock data directory ${dir}: the lock file keeps reappearing`);
}
