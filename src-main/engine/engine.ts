import { accessSync, constants } from 'node:fs';
import type { EngineCheck } from '../../src-shared/operator-api';
import { lockDataDir } from './data-dir';

/**
 * The engine: everything the desktop app and the headless service share, opened once per
 * data directory. Capabilities (audit store, policies, risk, registry) attach here as they land.
 */
export interface Engine {
  readonly dataDir: string;
  readonly startedAt: Date;
  checks(): EngineCheck[];
  close(): void;
}

export function openEngine(options: { dataDir: string }): Engine {
  const lock = lockDataDir(options.dataDir);
  const startedAt = new Date();
  let closed = false;
  return {
    dataDir: lock.dir,
    startedAt,
    checks: () => [dataDirCheck(lock.dir)],
    close: () => {
      if (closed) return;
      closed = true;
      lock.release();
    },
  };
}

function dataDirCheck(dir: string): EngineCheck {
  try {
    accessSync(dir, constants.R_OK | constants.W_OK);
    return { name: 'data directory', ok: true, detail: `${dir} is readable and writable` };
  } catch (error) {
    return { name: 'data directory', ok: false, detail: `${dir}: ${(error as Error).message}` };
  }
}
