import { createHash } from 'node:crypto';
import { decodeCanonicalBase64, verifyEd25519 } from './ed25519';

/** A verifier key in C2SP signed-note terms: name, 4-byte key ID, Ed25519 public key. */
export interface NoteKey {
  name: string;
  publicKey: Buffer;
  keyId: Buffer;
}

export interface NoteSigner extends NoteKey {
  sign(message: Buffer): Buffer;
}

const ED25519_TYPE = 0x01;
const EM_DASH = '\u2014';

/** C2SP signed-note key ID: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. */
export function noteKeyId(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_TYPE]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function noteKey(name: string, publicKey: Buffer): NoteKey {
  return { name, publicKey, keyId: noteKeyId(name, publicKey) };
}

/** How reports name a key: the C2SP verifier-key prefix `name+hexid`. */
export function keyLabel(key: NoteKey): string {
  return `${key.name}+${key.keyId.toString('hex')}`;
}

/** C2SP tlog-checkpoint body: origin, decimal size, base64 root, each ending in LF. */
export function checkpointText(origin: string, size: number, root: Buffer): string {
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

export function signNote(text: string, signer: NoteSigner): string {
  const signature = signer.sign(Buffer.from(text, 'utf8'));
  const line = `${EM_DASH} ${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
  return `${text}\n${line}`;
}

export interface ParsedCheckpoint {
  text: string;
  origin: string;
  size: number;
  root: Buffer;
  signatures: { name: string; keyId: Buffer; signature: Buffer }[];
}

const VALID_NAME = /^[^\s+]+$/;

/** Parses strictly; returns an error message for anything a signer of ours would not produce. */
export function parseCheckpoint(note: string): ParsedCheckpoint | string {
  const split = note.indexOf('\n\n');
  if (split < 0) return 'no blank line between checkpoint and signatures';
  const text = note.slice(0, split + 1);
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 3) return 'checkpoint must be exactly origin, size and root';
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) return `bad tree size "${sizeText}"`;
  const root = decodeCanonicalBase64(rootText, 32);
  if (!root) return 'bad root hash';
  const sigBlock = note.slice(split + 2);
  if (!sigBlock.endsWith('\n')) return 'signature block must end with a newline';
  const signatures: ParsedCheckpoint['signatures'] = [];
  for (const line of sigBlock.slice(0, -1).split('\n')) {
    const parts = line.split(' ');
    if (parts.length !== 3 || parts[0] !== EM_DASH || !VALID_NAME.test(parts[1] as string)) {
      return 'malformed signature line';
    }
    const blob = decodeCanonicalBase64(parts[2] as string);
    if (!blob || blob.length < 5) return 'malformed signature';
    signatures.push({ name: parts[1] as string, keyId: blob.subarray(0, 4), signature: blob.subarray(4) });
  }
  if (signatures.length === 0) return 'no signature';
  return { text, origin, size: Number(sizeText), root, signatures };
}

/**
 * C2SP rules: signatures by unknown keys are ignored; a known key's bad signature rejects
 * the note; at least one known key must verify. Returns the key that verified.
 */
export function verifyCheckpoint(parsed: ParsedCheckpoint, keys: readonly NoteKey[]): NoteKey | string {
  let verifiedBy: NoteKey | undefined;
  const message = Buffer.from(parsed.text, 'utf8');
  for (const sig of parsed.signatures) {
    const key = keys.find((k) => k.name === sig.name && k.keyId.equals(sig.keyId));
    if (!key) continue;
    if (!verifyEd25519(key.publicKey, message, sig.signature)) return `signature by ${keyLabel(key)} does not verify`;
    verifiedBy ??= key;
  }
  return verifiedBy ?? 'not signed by a known key';
}
