import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const cache = new Map<string, KeyObject>();

export function publicKeyObject(raw: Buffer): KeyObject {
  const id = raw.toString('latin1');
  let key = cache.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    cache.set(id, key);
  }
  return key;
}

export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

export function verifyEd25519(publicKey: Buffer, message: Buffer, signature: Buffer): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  return verify(null, message, publicKeyObject(publicKey), signature);
}

/** Base64 that re-encodes to itself: rejects the variants that decode to the same bytes. */
export function decodeCanonicalBase64(text: string, length?: number): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return undefined;
  if (length !== undefined && bytes.length !== length) return undefined;
  return bytes;
}
