import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startStoppableWorker } from '../threads/stoppable-worker';
import { assertSchemaNotNewer, assertWellOrdered, runMigrations, schemaVersion } from './migration';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations';

export const DATABASE_FILE = 'portcullis.db';

/** NORMAL: a power cut may lose the last commits, never corrupt. FULL: fsync every commit. */
export type SynchronousMode = 'NORMAL' | 'FULL';
export type WalCheckpointMode = 'PASSIVE' | 'FULL' | 'RESTART' | 'TRUNCATE';

export interface StoreOptions {
  synchronous?: SynchronousMode;
  /**
   * Pages after which SQLite checkpoints the WAL inside a commit (SQLite's default 1000).
   * 0 turns that off so no append pays for it; the owner then calls walCheckpoint().
   */
  walAutocheckpointPages?: number;
  /**
   * Checkpoint the WAL every this many ms from a worker thread with its own connection, with
   * the in-commit auto-checkpoint off: a PASSIVE checkpoint does not block writers, so no
   * append waits for its page copies and fsyncs (multi-millisecond stalls at p99.9 otherwise).
   * If the worker fails, the auto-checkpoint is turned back on.
   */
  backgroundCheckpointMs?: number;
  migrations?: readonly Migration[];
}

export interface Store {
  readonly db: Database.Database;
  readonly file: string;
  /** False when readers or writers kept a FULL/RESTART/TRUNCATE checkpoint from completing. */
  walCheckpoint(mode?: WalCheckpointMode): boolean;
  close(): void;
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** Opens (creating if needed) the data dir's database and brings its schema up to date. */
export function openStore(dataDir: string, options: StoreOptions = {}): Store {
  const migrations = options.migrations ?? allMigrations;
  assertWellOrdered(migrations);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = databaseFile(dataDir);
  const db = new Database(file);
  try {
    assertSchemaNotNewer(db, migrations);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma(`wal_autocheckpoint = ${options.walAutocheckpointPages ?? 1000}`);
    db.pragma('busy_timeout = 5000');
    // Erased content must not linger in freed pages: SQLite zeroes what a DELETE frees.
    db.pragma('secure_delete = ON');
    runMigrations(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  const interval = options.backgroundCheckpointMs ?? 0;
  if (interval <= 0) return storeOver(db, file);
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(file, interval, () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${options.walAutocheckpointPages ?? 1000}`);
  });
  return storeOver(db, file, checkpointer);
}

/** For verification and export: never writes, never migrates, refuses unknown schemas. */
export function openStoreReadonly(dataDir: string, migrations: readonly Migration[] = allMigrations): Store {
  const file = databaseFile(dataDir);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    assertSchemaNotNewer(db, migrations);
    if (schemaVersion(db) < 1) throw new Error(`${file} has no audit log`);
  } catch (error) {
    db.close();
    throw error;
  }
  return storeOver(db, file);
}

function storeOver(db: Database.Database, file: string, checkpointer?: Checkpointer): Store {
  return {
    db,
    file,
    walCheckpoint(mode = 'PASSIVE') {
      // A passive checkpoint is what the background thread does anyway: ask it, do not block.
      if (mode === 'PASSIVE' && checkpointer?.nudge()) return true;
      const [result] = db.pragma(`wal_checkpoint(${mode})`) as { busy: number }[];
      return result?.busy === 0;
    },
    close() {
      checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}

interface Checkpointer {
  /** False when the worker is gone (the caller checkpoints inline instead). */
  nudge(): boolean;
  /** Synchronous: returns once the worker has closed its connection (bounded wait). */
  stop(): void;
}

// Its own connection, PASSIVE checkpoints on a timer or when nudged.
const CHECKPOINTER_SOURCE = `
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next tick retries */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== STOP) return checkpoint();
  clearInterval(timer);
  db.close();
  finish();
});
`;

function startCheckpointer(file: string, intervalMs: number, onFailure: () => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = startStoppableWorker(CHECKPOINTER_SOURCE, { driver, file, intervalMs }, { onFailure });
  return {
    nudge: () => worker.post('checkpoint'),
    stop: () => worker.stop(),
  };
}
