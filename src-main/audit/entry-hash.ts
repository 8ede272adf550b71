import { createHash, hash } from 'node:crypto';
import { ENTRY_TAG, GENESIS_TAG } from './domain';

/** Everything before the body: tag, prev_hash (filled per entry), then `{"body":`. */
const TAG = Buffer.from(ENTRY_TAG, 'latin1');
const PREV_AT = TAG.length;
const OPEN = Buffer.from('{"body":', 'latin1');
const BODY_AT = PREV_AT + 32 + OPEN.length;

/**
 * JCS of {body, kind, origin, seq, ts} given the JCS of body. Keys are already in JCS
 * order and the scalars are what JSON.stringify (hence JCS) makes of them, so string
 * concatenation gives the canonical bytes without re-serialising the body.
 */
export function entryEnvelope(seq: number, ts: number, kind: string, origin: string, bodyJcs: string): string {
  return `{"body":${bodyJcs}${envelopeTail(seq, ts, kind, origin)}`;
}

function envelopeTail(seq: number, ts: number, kind: string, origin: string): string {
  return `,"kind":${JSON.stringify(kind)},"origin":${JSON.stringify(origin)},"seq":${seq},"ts":${ts}}`;
}

/**
 * hash = SHA-256(ENTRY_TAG ‖ prev_hash ‖ JCS(entry)). One reused buffer holds the input, so
 * the append and verify loops allocate only the short tail string and the digest.
 */
export class EntryHasher {
  private buffer = Buffer.alloc(8192);

  constructor() {
    this.writePrefix(this.buffer);
  }

  /** From the body's JCS text (the append path). Digest as a latin1 string, one char a byte. */
  hashText(prevHash: Buffer, seq: number, ts: number, kind: string, origin: string, bodyJcs: string): string {
    const tail = envelopeTail(seq, ts, kind, origin);
    this.reserve(3 * (bodyJcs.length + tail.length));
    prevHash.copy(this.buffer, PREV_AT, 0, 32);
    let end = BODY_AT + this.buffer.write(bodyJcs, BODY_AT, 'utf8');
    end += this.buffer.write(tail, end, 'utf8');
    return hash('sha256', this.buffer.subarray(0, end), 'binary');
  }

  /** From the body's stored UTF-8 bytes (the verify path: no decoding, no re-encoding). */
  hashBytes(prevHash: Buffer, seq: number, ts: number, kind: string, origin: string, body: Buffer): string {
    const tail = envelopeTail(seq, ts, kind, origin);
    this.reserve(body.length + 3 * tail.length);
    prevHash.copy(this.buffer, PREV_AT, 0, 32);
    let end = BODY_AT + body.copy(this.buffer, BODY_AT);
    end += this.buffer.write(tail, end, 'utf8');
    return hash('sha256', this.buffer.subarray(0, end), 'binary');
  }

  hash(prevHash: Buffer, seq: number, ts: number, kind: string, origin: string, bodyJcs: string): Buffer {
    return Buffer.from(this.hashText(prevHash, seq, ts, kind, origin, bodyJcs), 'latin1');
  }

  private reserve(bodyAndTail: number): void {
    if (BODY_AT + bodyAndTail <= this.buffer.length) return;
    this.buffer = Buffer.alloc(2 * (BODY_AT + bodyAndTail));
    this.writePrefix(this.buffer);
  }

  private writePrefix(buffer: Buffer): void {
    TAG.copy(buffer, 0);
    OPEN.copy(buffer, PREV_AT + 32);
  }
}

/** prev_hash of entry 0: binds the chain to one origin and one public key. */
export function genesisPrevHash(origin: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(GENESIS_TAG).update(origin, 'utf8').update(publicKey).digest();
}
