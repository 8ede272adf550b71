import path from 'node:path';
import { AuditReader } from '../store/audit-reader';
import { openStoreReadonly } from '../store/database';
import { readCheckpointFiles } from './checkpoint-sink';
import { contentDigest } from './content-digest';

import { DEFAULT_KEY_FILE, readInstancePublicKey } from './instance-key';
import { noteKey, keyLabel, parseCheckpoint } from './signed-note';
import { ChainVerifier } from './verify-chain';
import type { ContentState, VerifyReport } from './verify-chain';

export interface VerifyDataOptions {
  dataDir: string;
  /** Default `<dataDir>/instance.key`: only its public half is read. */
  keyFile?: string;
  /** Where the outside checkpoint copies are (default the data dir). */
  checkpointDir?: string;
  /** Expected current key, `name+hexid` or the 8-hex key ID, pinned out of band. */
  pinnedKey?: string;
}

/**
 * Verification reads pages through a memory map rather than a read() call per page, which
 * roughly halved the time SQLite takes over a 1M-entry scan. SQLite caps the size at its
 * compile-time limit (2 GiB by default); pages beyond it are read as usual.
 */
const MMAP_BYTES = 2 ** 40;

/** The I/O edge of verification for a data dir: reads, never writes. */
export function verifyDataDir(options: VerifyDataOptions): VerifyReport {
  const store = openStoreReadonly(options.dataDir);
  try {
    const reader = new AuditReader(store.db);
    const salt = reader.secret('content_salt');
    const notes = readCheckpointFiles(options.checkpointDir ?? options.dataDir);
    const rootSizes = new Set<number>();
    for (const note of notes) {
      const parsed = parseCheckpoint(note);
      if (typeof parsed !== 'string') rootSizes.add(parsed.size);
    }
    const contentState = (digest: string): ContentState => {
      const content = reader.content(digest);
      if (!content) return 'absent';
      return salt && contentDigest(salt, content) === digest ? 'present' : 'tampered';
    };
    const verifier = new ChainVerifier({ contentState, rootSizes });
    store.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    // The rows come in batches, one query each: a read transaction keeps them (and the content
    // lookups) on one snapshot while a running instance appends.
    store.db.exec('BEGIN');
    try {
      reader.scanEntries((row) => verifier.push(row));
    } finally {
      store.db.exec('ROLLBACK');
    }
    const report = verifier.finish(notes);
    return report.damage ? report : checkKeys(report, options);
  } finally {
    store.close();
  }
}

/** A chain rewritten under another key verifies on its own; the key file and a pin catch it. */
function checkKeys(report: VerifyReport, options: VerifyDataOptions): VerifyReport {
  const file = options.keyFile ?? path.join(options.dataDir, DEFAULT_KEY_FILE);
  const onFile = readInstancePublicKey(file);
  const fileLabel = onFile && keyLabel(noteKey(onFile.name, onFile.publicKey));
  if (fileLabel && fileLabel !== report.key) {
    return mismatch(report, `key file ${file} holds ${fileLabel} but the chain is signed by ${report.key ?? 'no key'}`);
  }
  const pin = options.pinnedKey;
  if (pin && report.key !== pin && !report.key?.endsWith(`+${pin}`)) {
    return mismatch(report, `chain is signed by ${report.key ?? 'no key'}, not the pinned key ${pin}`);
  }
  return report;
}

function mismatch(report: VerifyReport, detail: string): VerifyReport {
  return { ...report, damage: { kind: 'key-mismatch', from: 0, to: report.lastSeq, detail } };
}
