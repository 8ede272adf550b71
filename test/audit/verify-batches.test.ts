/**
 * Verification reads the log in batches packed by SQL (AuditReader.scanEntries). These tests
 * pin down that the packing changes nothing the verifier sees: every row, however odd its
 * stored column types, arrives exactly as the plain row query returns it, and damage on
 * either side of a batch boundary is located as precisely as anywhere else.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { AuditReader, SCAN_BATCH } from '../../src-main/store/audit-reader';
import type { AuditRowBytes } from '../../src-main/store/audit-rows';
import { Attacker, copyDataDir, flipChar } from './attacker';
import { decisionBody, openLog, removeTempDirs, tempDir } from './helpers';
import { independentVerify } from './independent-verifier';

let base: string;
let signed: string;

beforeAll(() => {
  base = tempDir();
  const log = openLog(base, { checkpointEvery: 400 });
  for (let i = 0; i < 2 * SCAN_BATCH + 50; i += 1) {
    log.log.append('decision', decisionBody(i), i % 50 === 0 ? `payload ${i}` : undefined);
  }
  log.close();
  signed = tempDir();
  const signedLog = openLog(signed, { signEntries: true });
  for (let i = 0; i < 30; i += 1) signedLog.log.append('decision', decisionBody(i));
  signedLog.close();
}, 60_000);

afterAll(removeTempDirs);

function withReader<T>(dir: string, fn: (reader: AuditReader) => T): T {
  const db = new Database(path.join(dir, 'portcullis.db'), { readonly: true });
  try {
    return fn(new AuditReader(db));
  } finally {
    db.close();
  }
}

/** What the verifier was fed before batching: one row at a time, body cast to a BLOB. */
function plainRows(dir: string): AuditRowBytes[] {
  return withReader(dir, (reader) =>
    [...reader.entryBytes()].map(([seq, ts, kind, origin, body, prevHash, hash, sig]) => ({ seq, ts, kind, origin, body, prevHash, hash, sig })),
  );
}

function scannedRows(dir: string): AuditRowBytes[] {
  return withReader(dir, (reader) => {
    const rows: AuditRowBytes[] = [];
    reader.scanEntries((row) => rows.push(row) > 0);
    return rows;
  });
}

function mutated(apply: (attacker: Attacker) => void): string {
  const dir = tempDir();
  copyDataDir(base, dir);
  const attacker = new Attacker(dir);
  try {
    apply(attacker);
  } finally {
    attacker.close();
  }
  return dir;
}

describe('batched reading for verification', () => {
  it('yields every row exactly as the row query does, across batch boundaries', () => {
    for (const dir of [base, signed]) {
      const scanned = scannedRows(dir);
      expect(scanned.length).toBe(plainRows(dir).length);
      expect(scanned).toEqual(plainRows(dir));
    }
    expect(scannedRows(signed).every((row) => row.sig?.length === 64)).toBe(true);
  });

  it('stops when the visitor says so', () => {
    const seen = withReader(base, (reader) => {
      let count = 0;
      reader.scanEntries(() => (count += 1) < SCAN_BATCH + 3);
      return count;
    });
    expect(seen).toBe(SCAN_BATCH + 3);
  });

  it('leaves out rows outside seq 0..2^53-1, as the row query does', () => {
    const dir = mutated((a) => {
      const row = a.row(5);
      a.insert({ ...row, seq: -3 });
      a.insert({ ...row, seq: 2 ** 53 + 10 });
    });
    const scanned = scannedRows(dir);
    expect(scanned.length).toBe(plainRows(base).length);
    expect(scanned).toEqual(plainRows(dir));
  });

  // Each sets one column of one row to a type or size the writer never stores.
  const odd: [string, string][] = [
    ['ts as text', "ts = 'x' || ts"],
    ['ts as real', 'ts = ts + 0.5'],
    ['negative ts', 'ts = -ts'],
    ['ts beyond 2^53', 'ts = 9007199254740993'],
    ['kind as blob', 'kind = CAST(kind AS BLOB)'],
    ['kind with invalid UTF-8', "kind = CAST(X'6465636973696f6eff' AS TEXT)"],
    ['origin as integer', 'origin = 7'],
    ['short prev_hash', 'prev_hash = substr(prev_hash, 1, 31)'],
    ['hash as text', 'hash = hex(hash)'],
    ['NULL hash', 'hash = NULL'],
    ['body as blob', 'body = CAST(body AS BLOB)'],
    ['NULL body', 'body = NULL'],
    ['empty sig', "sig = X''"],
    ['sig as text', "sig = 'abc'"],
  ];
  it.each(odd)('reads a row with %s as stored, on either side of a batch boundary', (_name, assignment) => {
    const seqs = [1, SCAN_BATCH - 1, SCAN_BATCH, 2 * SCAN_BATCH + 10];
    const dir = mutated((a) => {
      // The table is STRICT; whoever holds the file can rebuild it without types.
      a.db.exec(`
        ALTER TABLE audit_entries RENAME TO typed_entries;
        CREATE TABLE audit_entries (seq INTEGER PRIMARY KEY, ts, kind, origin, body, prev_hash, hash, sig);
        INSERT INTO audit_entries SELECT * FROM typed_entries;
        DROP TABLE typed_entries;`);
      for (const seq of seqs) a.db.prepare(`UPDATE audit_entries SET ${assignment} WHERE seq = ?`).run(seq);
    });
    expect(scannedRows(dir)).toEqual(plainRows(dir));
  });
});

describe('damage at a batch boundary', () => {
  const boundary = [SCAN_BATCH - 1, SCAN_BATCH, SCAN_BATCH + 1];
  const cases: [string, number, (a: Attacker, seq: number) => void, [number, number]][] = boundary.flatMap((seq) => [
    ['edit body', seq, (a: Attacker, k: number) => a.set(k, 'body', flipChar(a.row(k).body, 5)), [seq, seq]] as const,
    ['edit prev_hash', seq, (a: Attacker, k: number) => { const h = Buffer.from(a.row(k).prev_hash); h[0]! ^= 1; a.set(k, 'prev_hash', h); }, [seq, seq]] as const,
    ['delete one', seq, (a: Attacker, k: number) => a.delete(k), [seq, seq]] as const,
  ]);
  it.each(cases)('%s at seq %i is located exactly', (_name, seq, apply, where) => {
    const dir = mutated((a) => apply(a, seq));
    const report = verifyDataDir({ dataDir: dir });
    expect([report.damage?.from, report.damage?.to]).toEqual(where);
    const independent = independentVerify(dir);
    expect(independent.ok).toBe(false);
    expect(independent.from).toBeLessThanOrEqual(seq);
    expect(independent.to).toBeGreaterThanOrEqual(seq);
  });

  it('a deletion spanning the boundary names exactly the missing seqs', () => {
    const dir = mutated((a) => a.delete(SCAN_BATCH - 2, SCAN_BATCH + 1));
    const report = verifyDataDir({ dataDir: dir });
    expect(report.damage).toMatchObject({ kind: 'entry-missing', from: SCAN_BATCH - 2, to: SCAN_BATCH + 1 });
  });

  it('a swap across the boundary is reported as a move within it', () => {
    const dir = mutated((a) => a.swap(SCAN_BATCH - 1, SCAN_BATCH));
    const report = verifyDataDir({ dataDir: dir });
    expect(report.damage?.kind).toBe('entry-moved');
    expect(report.damage?.from).toBeLessThanOrEqual(SCAN_BATCH - 1);
    expect(report.damage?.to).toBeGreaterThanOrEqual(SCAN_BATCH - 1);
  });
});
