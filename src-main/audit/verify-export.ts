import canonicalize from 'canonicalize';
import { keyFromRecord, parseBody } from './entry-bodies';
import { ExportAlteredError, parseExport } from './export-format';
import type { AuditExport } from './export-format';
import { MerkleFrontier } from './merkle';
import { parseCheckpoint } from './signed-note';
import { ChainVerifier } from './verify-chain';
import type { VerifyReport, VerifyStart } from './verify-chain';

/** Verifies an export's text offline: no database, no key file. */
export function verifyExportText(text: string, pinnedKey?: string): VerifyReport {
  let data: AuditExport;
  try {
    data = parseExport(text);
  } catch (error) {
    if (error instanceof ExportAlteredError) return altered(error.message);
    throw error;
  }
  return verifyExport(data, pinnedKey);
}

export function verifyExport(data: AuditExport, pinnedKey?: string): VerifyReport {
  const first = data.entries[0];
  const last = data.entries[data.entries.length - 1];
  if (!first || !last || first.seq !== data.from || last.seq !== data.to) {
    return altered(`export claims seq ${data.from}..${data.to} but holds ${first?.seq}..${last?.seq}`);
  }
  if (first.origin !== data.origin) return altered('export origin differs from its entries');
  const key = keyFromRecord(data.key);
  if (!key) return altered('export key record is invalid');
  let start: VerifyStart | undefined;
  if (data.from === 0) {
    const genesis = parseBody(canonicalize(first.body) as string);
    if (
      data.frontier.length !== 0 ||
      canonicalize(genesis?.key) !== canonicalize(data.key) ||
      (genesis?.entry_signatures === true) !== data.sign_entries
    ) {
      return altered('export header does not match its genesis entry');
    }
  } else {
    let frontier: MerkleFrontier;
    try {
      frontier = MerkleFrontier.fromBase64(data.from, data.frontier);
    } catch (error) {
      return altered(`export compact range: ${(error as Error).message}`);
    }
    start = { seq: data.from, origin: data.origin, key, signEntries: data.sign_entries, frontier };
  }
  const rootSizes = new Set<number>();
  for (const note of data.checkpoints) {
    const parsed = parseCheckpoint(note);
    if (typeof parsed !== 'string') rootSizes.add(parsed.size);
  }
  const verifier = new ChainVerifier({ start, rootSizes });
  for (const entry of data.entries) {
    const pushed = verifier.push({
      seq: entry.seq,
      ts: entry.ts,
      kind: entry.kind,
      origin: entry.origin,
      body: Buffer.from(canonicalize(entry.body) as string, 'utf8'),
      prevHash: Buffer.from(entry.prev_hash, 'hex'),
      hash: Buffer.from(entry.hash, 'hex'),
      sig: entry.sig === null ? null : Buffer.from(entry.sig, 'hex'),
    });
    if (!pushed) break;
  }
  const report = verifier.finish(data.checkpoints);
  if (!report.damage && pinnedKey && report.key !== pinnedKey && !report.key?.endsWith(`+${pinnedKey}`)) {
    return { ...report, damage: { kind: 'key-mismatch', from: data.from, to: data.to, detail: `export is signed by ${report.key ?? 'no key'}, not the pinned key ${pinnedKey}` } };
  }
  return report;
}

function altered(detail: string): VerifyReport {
  return {
    entries: 0,
    firstSeq: -1,
    lastSeq: -1,
    erased: 0,
    unanchored: 0,
    damage: { kind: 'export-altered', from: -1, to: -1, detail },
  };
}
