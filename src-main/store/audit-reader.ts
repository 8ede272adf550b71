import type Database from 'better-sqlite3';
import { decodeEntryBatch, PACKED_RECORD_SQL, rowFromRaw } from './audit-rows';
import type { AuditRow, AuditRowBytes, RawAuditRow, RawAuditRowBytes } from './audit-rows';

const COLUMNS = 'seq, ts, kind, origin, body, prev_hash, hash, sig';

/** Rows per batch BLOB: big enough to amortise the call, small enough to stay in cache. */
export const SCAN_BATCH = 1000;

/** The audit log's read queries. Works on read-only connections. */
export class AuditReader {
  private readonly rangeRaw: Database.Statement;
  private readonly rangeBytes: Database.Statement;
  private readonly batchAfter: Database.Statement;
  private readonly oneRow: Database.Statement;
  private readonly lastRow: Database.Statement;
  private readonly byKind: Database.Statement;
  private readonly lastOfKind: Database.Statement;
  private readonly hashesFrom: Database.Statement;
  private readonly contentByDigest: Database.Statement;
  private readonly contentExists: Database.Statement;
  private readonly secretByName: Database.Statement;

  constructor(readonly db: Database.Database) {
    this.rangeRaw = db.prepare(`SELECT ${COLUMNS} FROM audit_entries WHERE seq >= ? AND seq <= ? ORDER BY seq`).raw();
    this.rangeBytes = db
      .prepare(
        'SELECT seq, ts, kind, origin, CAST(body AS BLOB), prev_hash, hash, sig FROM audit_entries WHERE seq >= ? AND seq <= ? ORDER BY seq',
      )
      .raw();
    this.batchAfter = db
      .prepare(
        `SELECT CAST(group_concat(record, '') AS BLOB)
         FROM (SELECT seq, ${PACKED_RECORD_SQL} AS record FROM audit_entries
               WHERE seq > ? AND seq <= 9007199254740991 ORDER BY seq LIMIT ?)`,
      )
      .pluck();
    this.oneRow = db.prepare(`SELECT ${COLUMNS} FROM audit_entries WHERE seq = ?`).raw();
    this.lastRow = db.prepare(`SELECT ${COLUMNS} FROM audit_entries ORDER BY seq DESC LIMIT 1`).raw();
    this.byKind = db.prepare(`SELECT ${COLUMNS} FROM audit_entries WHERE kind = ? AND seq <= ? ORDER BY seq`).raw();
    this.lastOfKind = db
      .prepare(`SELECT ${COLUMNS} FROM audit_entries WHERE kind = ? AND seq <= ? ORDER BY seq DESC LIMIT 1`)
      .raw();
    this.hashesFrom = db.prepare('SELECT hash FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq').pluck();
    this.contentByDigest = db.prepare('SELECT content FROM audit_content WHERE digest = ?').pluck();
    this.contentExists = db.prepare('SELECT 1 FROM audit_content WHERE digest = ?').pluck();
    this.secretByName = db.prepare('SELECT value FROM audit_secrets WHERE name = ?').pluck();
  }

  /** Rows with from <= seq <= to, in seq order, streamed. */
  *entries(from = 0, to = Number.MAX_SAFE_INTEGER): Generator<AuditRow> {
    for (const raw of this.rangeRaw.iterate(from, to)) yield rowFromRaw(raw as RawAuditRow);
  }

  /** Rows with the body as its stored UTF-8 bytes: verification hashes them as they are. */
  entryBytes(from = 0, to = Number.MAX_SAFE_INTEGER): IterableIterator<RawAuditRowBytes> {
    return this.rangeBytes.iterate(from, to) as IterableIterator<RawAuditRowBytes>;
  }

  /**
   * Every row with 0 <= seq <= 2^53-1 (the range entryBytes reads) in seq order, body as
   * stored bytes, until visit returns false. Batched (see decodeEntryBatch); the Buffers are
   * views into the batch BLOB. Run it inside a read transaction for one snapshot across batches.
   */
  scanEntries(visit: (row: AuditRowBytes) => boolean): void {
    const readRow = (seq: number): AuditRowBytes => {
      const raw = this.rangeBytes.get(seq, seq) as RawAuditRowBytes | undefined;
      if (!raw) throw new Error(`audit_entries seq ${seq} vanished while being read`);
      const [, ts, kind, origin, body, prevHash, hash, sig] = raw;
      return { seq, ts, kind, origin, body, prevHash, hash, sig };
    };
    for (let after = -1; ; ) {
      const batch = this.batchAfter.get(after, SCAN_BATCH) as Buffer | null;
      if (!batch) return;
      const last = decodeEntryBatch(batch, after, readRow, visit);
      if (last === undefined) return;
      after = last;
    }
  }

  entry(seq: number): AuditRow | undefined {
    const raw = this.oneRow.get(seq) as RawAuditRow | undefined;
    return raw && rowFromRaw(raw);
  }

  last(): AuditRow | undefined {
    const raw = this.lastRow.get() as RawAuditRow | undefined;
    return raw && rowFromRaw(raw);
  }

  ofKind(kind: string, upTo = Number.MAX_SAFE_INTEGER): AuditRow[] {
    return (this.byKind.all(kind, upTo) as RawAuditRow[]).map(rowFromRaw);
  }

  lastOf(kind: string, upTo = Number.MAX_SAFE_INTEGER): AuditRow | undefined {
    const raw = this.lastOfKind.get(kind, upTo) as RawAuditRow | undefined;
    return raw && rowFromRaw(raw);
  }

  /** Entry hashes for from <= seq < to. */
  hashes(from: number, to: number): Buffer[] {
    return this.hashesFrom.all(from, to) as Buffer[];
  }

  content(digest: string): Buffer | undefined {
    return this.contentByDigest.get(digest) as Buffer | undefined;
  }

  hasContent(digest: string): boolean {
    return this.contentExists.get(digest) !== undefined;
  }

  secret(name: string): Buffer | undefined {
    return this.secretByName.get(name) as Buffer | undefined;
  }
}
