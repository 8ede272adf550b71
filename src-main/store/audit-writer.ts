import type Database from 'better-sqlite3';

/**
 * The audit log's write statements, prepared once. Callers pass ready bytes: the chain
 * logic (src-main/audit) owns hashing; this file owns SQL.
 */
export class AuditWriter {
  private readonly insertEntry: Database.Statement;
  private readonly insertContent: Database.Statement;
  private readonly deleteContent: Database.Statement;
  private readonly insertSecret: Database.Statement;
  // One wrapper for every transaction: better-sqlite3 builds four closures per db.transaction()
  // call (~4.7 µs here), and appendMany opens a savepoint per entry. Nested calls are savepoints.
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(readonly db: Database.Database) {
    this.insertEntry = db.prepare(
      'INSERT INTO audit_entries (seq, ts, kind, origin, body, prev_hash, hash, sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertContent = db.prepare('INSERT OR IGNORE INTO audit_content (digest, content) VALUES (?, ?)');
    this.deleteContent = db.prepare('DELETE FROM audit_content WHERE digest = ?');
    this.insertSecret = db.prepare('INSERT INTO audit_secrets (name, value) VALUES (?, ?)');
    this.inTransaction = db.transaction((fn: () => unknown) => fn());
  }

  appendEntry(
    seq: number,
    ts: number,
    kind: string,
    origin: string,
    body: string,
    prevHash: Buffer,
    hash: Buffer,
    sig: Buffer | null,
  ): void {
    this.insertEntry.run(seq, ts, kind, origin, body, prevHash, hash, sig);
  }

  /** Same content, same digest: stored once. */
  putContent(digest: string, content: Buffer): void {
    this.insertContent.run(digest, content);
  }

  /** Returns whether a row was removed. The trigger demands an erasure entry just before. */
  removeContent(digest: string): boolean {
    return this.deleteContent.run(digest).changes === 1;
  }

  putSecret(name: string, value: Buffer): void {
    this.insertSecret.run(name, value);
  }

  transaction<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }
}
