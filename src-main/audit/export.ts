import { AuditReader } from '../store/audit-reader';
import { openStoreReadonly } from '../store/database';
import { readCheckpointFiles } from './checkpoint-sink';
import { ENTRY_SIGNATURES_SETTING, keyFromRecord, parseBody } from './entry-bodies';
import type { CheckpointBody, KeyRecord } from './entry-bodies';
import { EXPORT_FORMAT } from './export-format';
import type { AuditExport } from './export-format';
import { MerkleFrontier } from './merkle';
import { parseCheckpoint } from './signed-note';

export interface ExportRange {
  from?: number;
  to?: number;
}

/** Reads seq from..to of a data dir's log (read-only) into an export. */
export function buildExport(dataDir: string, range: ExportRange = {}, checkpointDir = dataDir): AuditExport {
  const store = openStoreReadonly(dataDir);
  try {
    const reader = new AuditReader(store.db);
    const last = reader.last();
    if (!last) throw new Error('the audit log is empty');
    const from = range.from ?? 0;
    const to = Math.min(range.to ?? last.seq, last.seq);
    if (from > to) throw new Error(`empty range: the log holds seq 0..${last.seq}`);
    const genesis = reader.entry(0);
    const before = Math.max(from - 1, 0);
    return {
      format: EXPORT_FORMAT,
      origin: genesis?.origin ?? last.origin,
      from,
      to,
      key: keyInForce(reader, before),
      sign_entries: signaturesInForce(reader, before),
      frontier: frontierAt(reader, from).toBase64(),
      checkpoints: outsideNotes(checkpointDir, from, to),
      entries: [...reader.entries(from, to)].map((row) => ({
        seq: row.seq,
        ts: row.ts,
        kind: row.kind,
        origin: row.origin,
        body: JSON.parse(row.body) as Record<string, unknown>,
        prev_hash: row.prevHash.toString('hex'),
        hash: row.hash.toString('hex'),
        sig: row.sig ? row.sig.toString('hex') : null,
      })),
    };
  } finally {
    store.close();
  }
}

function keyInForce(reader: AuditReader, upTo: number): KeyRecord {
  const rows = reader.ofKind('key_change', upTo);
  const record = parseBody(rows[rows.length - 1]?.body ?? '')?.key;
  if (!keyFromRecord(record)) throw new Error('cannot read the instance key from the audit chain');
  return record as KeyRecord;
}

function signaturesInForce(reader: AuditReader, upTo: number): boolean {
  const setting = reader
    .ofKind('setting_change', upTo)
    .map((row) => parseBody(row.body))
    .filter((body) => body?.setting === ENTRY_SIGNATURES_SETTING)
    .pop();
  if (setting) return setting.value === true;
  return parseBody(reader.entry(0)?.body ?? '')?.entry_signatures === true;
}

/** Compact range of [0, from): from the nearest stored one, extended with the hashes after it. */
function frontierAt(reader: AuditReader, from: number): MerkleFrontier {
  const row = reader.lastOf('checkpoint', from);
  const body = row && (parseBody(row.body) as Partial<CheckpointBody> | undefined);
  const frontier = body ? MerkleFrontier.fromBase64(body.size ?? -1, body.frontier ?? []) : MerkleFrontier.empty();
  for (const hash of reader.hashes(frontier.size, from)) frontier.push(hash);
  return frontier;
}

function outsideNotes(dir: string, from: number, to: number): string[] {
  const bySize = new Map<string, number>();
  for (const note of readCheckpointFiles(dir)) {
    const parsed = parseCheckpoint(note);
    if (typeof parsed !== 'string' && parsed.size >= from && parsed.size <= to) bySize.set(note, parsed.size);
  }
  return [...bySize].sort((a, b) => a[1] - b[1]).map(([note]) => note);
}
