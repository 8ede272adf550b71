import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { removeTempDirs, tempDir } from './helpers';
import { independentVerify } from './independent-verifier';
import { buildVectorLog, computeVectors, documentedVectors } from './vectors';

afterAll(removeTempDirs);

const documented = documentedVectors(readFileSync(path.join(import.meta.dirname, '../../docs/audit-format.md'), 'utf8'));
const sha256 = (...parts: (Buffer | string)[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const v = (name: string): string => {
  const value = documented[name];
  if (value === undefined) throw new Error(`vector ${name} missing from the document`);
  return value;
};

describe('docs/audit-format.md test vectors', () => {
  it('are what the product computes', () => {
    expect(documented).toEqual(computeVectors());
  });

  it('follow from the document rules with nothing but node:crypto', () => {
    const publicKey = Buffer.from(v('public_key'), 'hex');
    const origin = v('origin');
    expect(sha256(origin, Buffer.from([0x0a, 0x01]), publicKey).subarray(0, 4).toString('hex')).toBe(v('key_id'));
    let prev = sha256('portcullis/genesis/v1\n', origin, publicKey);
    expect(prev.toString('hex')).toBe(v('genesis_prev_hash'));
    expect(Buffer.concat([Buffer.from('portcullis/audit/v1\n'), sha256('portcullis/audit/v1\n', prev, v('entry_0_jcs')), Buffer.from(v('entry_1_jcs'))]).toString('hex')).toBe(v('entry_1_hash_input'));
    const leaves: Buffer[] = [];
    for (let seq = 0; seq < 8; seq += 1) {
      const hash = sha256('portcullis/audit/v1\n', prev, v(`entry_${seq}_jcs`));
      expect(hash.toString('hex'), `entry ${seq}`).toBe(v(`entry_${seq}_hash`));
      leaves.push(sha256(Buffer.from([0]), hash));
      prev = hash;
    }
    const mth = (l: Buffer[]): Buffer => {
      if (l.length === 0) return sha256();
      if (l.length === 1) return l[0] as Buffer;
      let k = 1;
      while (k * 2 < l.length) k *= 2;
      return sha256(Buffer.from([1]), mth(l.slice(0, k)), mth(l.slice(k)));
    };
    for (let size = 0; size <= 8; size += 1) expect(mth(leaves.slice(0, size)).toString('base64'), `root ${size}`).toBe(v(`root_${size}`));

    const note = JSON.parse(v('checkpoint_note')) as string;
    const [text, signatureLine] = note.split('\n\n') as [string, string];
    expect(text).toBe(`${origin}\n7\n${v('root_7')}`);
    const blob = Buffer.from(signatureLine.split(' ')[2] as string, 'base64');
    expect(blob.subarray(0, 4).toString('hex')).toBe(v('key_id'));
    const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(`${text}\n`), key, blob.subarray(4))).toBe(true);

    expect(sha256('portcullis/content/v1\n', Buffer.from(v('content_salt'), 'hex'), v('content')).toString('hex')).toBe(v('content_digest'));
  });

  it('the vector log verifies with both verifiers', () => {
    const dir = tempDir();
    buildVectorLog(dir);
    expect(verifyDataDir({ dataDir: dir }).damage).toBeUndefined();
    expect(independentVerify(dir).ok).toBe(true);
  });
});
