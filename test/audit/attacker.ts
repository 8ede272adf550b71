/**
 * What someone with write access to the data dir can do: drop the triggers and rewrite
 * rows, recomputing hashes with the documented formula where that helps them hide.
 */
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface Row {
  seq: number;
  ts: number;
  kind: string;
  origin: string;
  body: string;
  prev_hash: Buffer;
  hash: Buffer;
  sig: Buffer | null;
}

export function documentedHash(prev: Buffer, row: Pick<Row, 'seq' | 'ts' | 'kind' | 'origin' | 'body'>): Buffer {
  const jcs = canonicalize({ seq: row.seq, ts: row.ts, kind: row.kind, origin: row.origin, body: JSON.parse(row.body) }) as string;
  return createHash('sha256').update('portcullis/audit/v1\n').update(prev).update(jcs).digest();
}

export function copyDataDir(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (!name.startsWith('.') && !name.endsWith('-wal') && !name.endsWith('-shm')) copyFileSync(path.join(from, name), path.join(to, name));
  }
}

export class Attacker {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    const file = path.join(dataDir, 'portcullis.db');
    if (!existsSync(file)) throw new Error('no database');
    this.db = new Database(file);
    this.db.exec('DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete;');
    this.db.exec('DROP TRIGGER IF EXISTS audit_content_no_update; DROP TRIGGER IF EXISTS audit_content_delete_needs_erasure;');
  }

  rows(): Row[] {
    return this.db.prepare('SELECT * FROM audit_entries ORDER BY seq').all() as Row[];
  }

  row(seq: number): Row {
    return this.db.prepare('SELECT * FROM audit_entries WHERE seq = ?').get(seq) as Row;
  }

  set(seq: number, column: keyof Row, value: unknown): void {
    this.db.prepare(`UPDATE audit_entries SET ${column} = ? WHERE seq = ?`).run(value, seq);
  }

  delete(from: number, to = from): void {
    this.db.prepare('DELETE FROM audit_entries WHERE seq >= ? AND seq <= ?').run(from, to);
  }

  /** Shifts seq >= from by delta, avoiding primary-key clashes on the way. */
  renumber(from: number, delta: number): void {
    this.db.prepare('UPDATE audit_entries SET seq = -seq - 1 WHERE seq >= ?').run(from);
    this.db.prepare('UPDATE audit_entries SET seq = -seq - 1 + ? WHERE seq < 0').run(delta);
  }

  insert(row: Row): void {
    this.db
      .prepare('INSERT INTO audit_entries (seq, ts, kind, origin, body, prev_hash, hash, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.seq, row.ts, row.kind, row.origin, row.body, row.prev_hash, row.hash, row.sig);
  }

  swap(a: number, b: number): void {
    const ra = this.row(a);
    const rb = this.row(b);
    for (const [target, source] of [[a, rb], [b, ra]] as const) {
      this.db
        .prepare('UPDATE audit_entries SET ts = ?, kind = ?, origin = ?, body = ?, prev_hash = ?, hash = ?, sig = ? WHERE seq = ?')
        .run(source.ts, source.kind, source.origin, source.body, source.prev_hash, source.hash, source.sig, target);
    }
  }

  /** Makes every entry from `from` on consistent again: seq, prev_hash and hash. */
  rehashFrom(from: number): void {
    const rows = this.rows();
    let prev = from === 0 ? (rows[0] as Row).prev_hash : (rows.find((r) => r.seq === from - 1) as Row).hash;
    const update = this.db.prepare('UPDATE audit_entries SET body = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    for (const row of rows) {
      if (row.seq < from) continue;
      const hash = documentedHash(prev, row);
      update.run(canonicalize(JSON.parse(row.body)), prev, hash, row.seq);
      prev = hash;
    }
  }

  editContent(digest: string): void {
    this.db.prepare("UPDATE audit_content SET content = CAST(content || 'x' AS BLOB) WHERE digest = ?").run(digest);
  }

  deleteContent(digest: string): void {
    this.db.prepare('DELETE FROM audit_content WHERE digest = ?').run(digest);
  }

  digests(): string[] {
    return this.db.prepare('SELECT digest FROM audit_content ORDER BY digest').pluck().all() as string[];
  }

  firstReference(digest: string): number {
    return this.db.prepare("SELECT seq FROM audit_entries WHERE kind != 'erasure' AND instr(body, ?) > 0 ORDER BY seq LIMIT 1").pluck().get(digest) as number;
  }

  close(): void {
    this.db.close();
  }
}

/** Changes one character of a string to another printable one. */
export function flipChar(text: string, at: number): string {
  const i = Math.min(Math.max(at, 0), text.length - 1);
  const c = text[i] === 'a' ? 'b' : 'a';
  return text.slice(0, i) + c + text.slice(i + 1);
}
