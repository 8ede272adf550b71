/** One row of audit_entries as SQL returns it. */
export interface AuditRow {
  seq: number;
  ts: number;
  kind: string;
  origin: string;
  /** JCS text of the entry body, exactly the bytes that were hashed. */
  body: string;
  prevHash: Buffer;
  hash: Buffer;
  sig: Buffer | null;
}

export type RawAuditRow = [number, number, string, string, string, Buffer, Buffer, Buffer | null];
/** The same columns with the body read as a BLOB. */
export type RawAuditRowBytes = [number, number, string, string, Buffer, Buffer, Buffer, Buffer | null];

export function rowFromRaw(raw: RawAuditRow): AuditRow {
  return {
    seq: raw[0],
    ts: raw[1],
    kind: raw[2],
    origin: raw[3],
    body: raw[4],
    prevHash: raw[5],
    hash: raw[6],
    sig: raw[7],
  };
}

/** A row with the body as its stored bytes: what verification hashes. */
export interface AuditRowBytes {
  seq: number;
  ts: number;
  kind: string;
  origin: string;
  body: Buffer;
  prevHash: Buffer;
  hash: Buffer;
  sig: Buffer | null;
}

/**
 * Verification reads the log in batches, each one BLOB that SQL builds from a run of rows
 * (see AuditReader.scanEntries): stepping rows inside SQLite costs a fraction
 * of handing each row and its columns to JavaScript one by one.
 *
 * A record is an ASCII header, then the variable parts as stored, byte for byte:
 *
 *   'R' seq:16 ts:16 kindLen:4 originLen:4 bodyLen:8 sigLen:4   (lower-case hex; sigLen ffff = NULL)
 *       kind ‖ origin ‖ prev_hash (32) ‖ hash (32) ‖ body ‖ sig
 *   'U' seq:16                                                  (read this row on its own)
 *
 * Only rows whose columns have exactly the types and sizes the writer stores are packed
 * (integer seq and ts in 0..2^53-1, text kind and origin, 32-byte BLOB hashes,
 * text or BLOB body, NULL or BLOB sig); any other row is a 'U' record and is read with the
 * plain row query, so an attacker's odd column types are judged exactly as before.
 */
const R_HEADER = 53;
const U_RECORD = 17;
const NULL_SIG = 0xffff;

// concat() copies each part once (a chain of || copies the growing prefix at every step);
// it reads BLOBs and text as their bytes and takes a NULL sig as empty, marked by sigLen ffff.
export const PACKED_RECORD_SQL = `CASE WHEN
    typeof(ts) = 'integer' AND ts BETWEEN 0 AND 9007199254740991 AND seq BETWEEN 0 AND 9007199254740991
    AND typeof(kind) = 'text' AND octet_length(kind) < 65536
    AND typeof(origin) = 'text' AND octet_length(origin) < 65536
    AND typeof(prev_hash) = 'blob' AND octet_length(prev_hash) = 32
    AND typeof(hash) = 'blob' AND octet_length(hash) = 32
    AND typeof(body) IN ('text', 'blob')
    AND (sig IS NULL OR (typeof(sig) = 'blob' AND octet_length(sig) < 65535))
  THEN concat(
    printf('R%016x%016x%04x%04x%08x%04x', seq, ts, octet_length(kind), octet_length(origin), octet_length(body),
           ifnull(octet_length(sig), 65535)),
    kind, origin, prev_hash, hash, body, sig)
  ELSE printf('U%016x', seq) END`;

/** Reads `digits` lower-case hex digits at `at`; exact because the SQL packs only values below 2^53. */
function hexAt(batch: Buffer, at: number, digits: number): number {
  let value = 0;
  for (let i = at; i < at + digits; i += 1) {
    const c = batch[i] as number;
    const digit = c <= 0x39 ? c - 0x30 : c - 0x57;
    if (!(digit >= 0 && digit <= 15)) throw new Error(`audit batch: bad hex digit at byte ${i}`);
    value = value * 16 + digit;
  }
  return value;
}

/**
 * Calls visit for each record of a batch, in order; a 'U' record through readRow. Buffers
 * are views into the batch. Returns the last seq seen, or undefined when visit said stop.
 */
export function decodeEntryBatch(
  batch: Buffer,
  afterSeq: number,
  readRow: (seq: number) => AuditRowBytes,
  visit: (row: AuditRowBytes) => boolean,
): number | undefined {
  let at = 0;
  let seq = afterSeq;
  // Kind and origin repeat from row to row: decode each only when its bytes change.
  let kind = '';
  let kindBytes: Buffer = Buffer.alloc(0);
  let origin = '';
  let originBytes: Buffer = Buffer.alloc(0);
  while (at < batch.length) {
    const tag = batch[at];
    if (at + U_RECORD > batch.length) throw new Error(`audit batch: truncated record at byte ${at}`);
    const previous = seq;
    seq = hexAt(batch, at + 1, 16);
    // The query orders rows by seq but SQL does not promise group_concat keeps that order
    // (an ordered aggregate doubles the cost): fail loudly rather than report false damage.
    if (seq <= previous) throw new Error(`audit batch: seq ${seq} after seq ${previous}: rows out of order`);
    if (tag === 0x55) {
      at += U_RECORD;
      if (!visit(readRow(seq))) return undefined;
      continue;
    }
    if (tag !== 0x52 || at + R_HEADER > batch.length) throw new Error(`audit batch: bad record at byte ${at}`);
    const ts = hexAt(batch, at + 17, 16);
    const kindEnd = at + R_HEADER + hexAt(batch, at + 33, 4);
    const originEnd = kindEnd + hexAt(batch, at + 37, 4);
    const hashAt = originEnd + 32;
    const bodyAt = hashAt + 32;
    const bodyEnd = bodyAt + hexAt(batch, at + 41, 8);
    const sigLength = hexAt(batch, at + 49, 4);
    const end = bodyEnd + (sigLength === NULL_SIG ? 0 : sigLength);
    if (end > batch.length) throw new Error(`audit batch: record at byte ${at} overruns the batch`);
    if (batch.compare(kindBytes, 0, kindBytes.length, at + R_HEADER, kindEnd) !== 0) {
      kindBytes = batch.subarray(at + R_HEADER, kindEnd);
      kind = kindBytes.toString('utf8');
    }
    if (batch.compare(originBytes, 0, originBytes.length, kindEnd, originEnd) !== 0) {
      originBytes = batch.subarray(kindEnd, originEnd);
      origin = originBytes.toString('utf8');
    }
    const row: AuditRowBytes = {
      seq,
      ts,
      kind,
      origin,
      body: batch.subarray(bodyAt, bodyEnd),
      prevHash: batch.subarray(originEnd, hashAt),
      hash: batch.subarray(hashAt, bodyAt),
      sig: sigLength === NULL_SIG ? null : batch.subarray(bodyEnd, end),
    };
    at = end;
    if (!visit(row)) return undefined;
  }
  return seq;
}
