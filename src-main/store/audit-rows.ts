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
