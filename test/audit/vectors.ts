/**
 * The test vectors of docs/audit-format.md, computed by the product from fixed inputs.
 * `npx tsx test/audit/vectors.ts` prints the block to paste into the document.
 */
import canonicalize from 'canonicalize';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAuditLog } from '../../src-main/audit/audit-log';
import { contentDigest } from '../../src-main/audit/content-digest';
import { rawPublicKey } from '../../src-main/audit/ed25519';
import { genesisPrevHash } from '../../src-main/audit/entry-hash';
import { merkleRoot } from './reference-merkle';
import { AuditReader } from '../../src-main/store/audit-reader';
import { openStore } from '../../src-main/store/database';

export const VECTOR_ORIGIN = 'example.com/portcullis/test';
/** Ed25519 seed 0x00 0x01 … 0x1f. */
export const VECTOR_SEED = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const T0 = 1767225600000;

export const VECTOR_BODIES: Record<string, unknown>[] = [
  { decision: 'allow', agent: { id: 'agt_1' }, action: { verb: 'GET', target: { system: 'crm' } } },
  { decision: 'review', agent: { id: 'agt_1' }, risk: { score: 71 } },
  { decision: 'block', agent: { id: 'agt_2' }, rules: [{ rule: 'no-exfil', reason: 'external send after sensitive read' }] },
  { decision: 'allow', note: 'unicode: é, €, 😀, "quotes", \\ backslash', n: 1e21, f: 0.1 },
  { decision: 'allow', agent: { id: 'agt_3' } },
  { decision: 'allow', agent: { id: 'agt_1' }, empty: {}, list: [] },
];

export type Vectors = Record<string, string>;

/** Builds the 8-entry vector log (genesis, six decisions, one checkpoint) in dataDir. */
export function buildVectorLog(dataDir: string): void {
  const pkcs8 = Buffer.concat([PKCS8_ED25519_PREFIX, VECTOR_SEED]);
  const publicKey = rawPublicKey(createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })));
  writeFileSync(
    path.join(dataDir, 'instance.key'),
    JSON.stringify({
      format: 'portcullis-instance-key/v1',
      name: VECTOR_ORIGIN,
      public_key: publicKey.toString('base64'),
      private_key: { encoding: 'plain', pkcs8: pkcs8.toString('base64') },
    }),
  );
  let tick = 0;
  const store = openStore(dataDir);
  const log = openAuditLog(store, { dataDir, clock: () => T0 + 1000 * tick++, checkpointIntervalMs: 0 });
  for (const body of VECTOR_BODIES) log.append('decision', body);
  log.close();
  store.close();
}

export function computeVectors(): Vectors {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portcullis-vectors-'));
  try {
    buildVectorLog(dataDir);
    const store = openStore(dataDir);
    const rows = [...new AuditReader(store.db).entries()];
    store.close();
    const genesis = JSON.parse(rows[0]!.body) as { key: { public_key: string; id: string } };
    const publicKey = Buffer.from(genesis.key.public_key, 'base64');
    const vectors: Vectors = {
      origin: VECTOR_ORIGIN,
      ed25519_seed: VECTOR_SEED.toString('hex'),
      public_key: publicKey.toString('hex'),
      key_id: genesis.key.id,
      genesis_prev_hash: genesisPrevHash(VECTOR_ORIGIN, publicKey).toString('hex'),
    };
    const row1 = rows[1]!;
    vectors.entry_1_hash_input = Buffer.concat([
      Buffer.from('portcullis/audit/v1\n'),
      row1.prevHash,
      Buffer.from(canonicalize({ seq: row1.seq, ts: row1.ts, kind: row1.kind, origin: row1.origin, body: JSON.parse(row1.body) }) as string),
    ]).toString('hex');
    for (const row of rows) {
      vectors[`entry_${row.seq}_jcs`] = canonicalize({ seq: row.seq, ts: row.ts, kind: row.kind, origin: row.origin, body: JSON.parse(row.body) }) as string;
      vectors[`entry_${row.seq}_hash`] = row.hash.toString('hex');
    }
    for (let size = 0; size <= rows.length; size += 1) {
      vectors[`root_${size}`] = merkleRoot(rows.slice(0, size).map((r) => r.hash)).toString('base64');
    }
    vectors.checkpoint_note = JSON.stringify((JSON.parse(rows[rows.length - 1]!.body) as { note: string }).note);
    const salt = createHash('sha256').update('salt').digest();
    vectors.content_salt = salt.toString('hex');
    vectors.content = 'alice@example.com';
    vectors.content_digest = contentDigest(salt, Buffer.from('alice@example.com'));
    return vectors;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Reads the ```vectors block of the document: `name: value` lines. */
export function documentedVectors(markdown: string): Vectors {
  const block = /```vectors\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (!block) throw new Error('no vectors block in the document');
  const vectors: Vectors = {};
  for (const line of block.split('\n')) {
    const at = line.indexOf(': ');
    if (at > 0) vectors[line.slice(0, at)] = line.slice(at + 2);
  }
  return vectors;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  for (const [name, value] of Object.entries(computeVectors())) console.log(`${name}: ${value}`);
}
