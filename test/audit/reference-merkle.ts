import { createHash } from 'node:crypto';

/** RFC 6962 §2.1 Merkle Tree Hash, recursively from the definition: the test oracle. */
export function merkleRoot(entryHashes: readonly Buffer[]): Buffer {
  if (entryHashes.length === 0) return createHash('sha256').digest();
  if (entryHashes.length === 1) {
    return createHash('sha256').update(Buffer.from([0])).update(entryHashes[0] as Buffer).digest();
  }
  let split = 1;
  while (split * 2 < entryHashes.length) split *= 2;
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(merkleRoot(entryHashes.slice(0, split)))
    .update(merkleRoot(entryHashes.slice(split)))
    .digest();
}
