import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SynchronousMode } from '../store/database';
import { summarize, type LatencyStats } from './stats';

/**
 * The storage floor: one prepared INSERT of a row as large as what a decision writes, in its own
 * autocommit transaction, with the engine's pragmas (WAL, the same synchronous mode, SQLite's
 * default auto-checkpoint). Timed per call in-process, no HTTP.
 */
export function measureSqliteFloor(entryBytes: number, synchronous: SynchronousMode, count: number, warmup: number): LatencyStats {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-sqlite-'));
  const db = new Database(join(dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('wal_autocheckpoint = 1000');
    db.exec('CREATE TABLE entries (seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, body BLOB NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO entries (seq, ts, body) VALUES (?, ?, ?)');
    const body = Buffer.alloc(entryBytes, 0x61);
    for (let i = 0; i < warmup; i++) insert.run(i, Date.now(), body);
    const samples = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const started = process.hrtime.bigint();
      insert.run(warmup + i, Date.now(), body);
      samples[i] = Number(process.hrtime.bigint() - started);
    }
    return summarize(samples);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
