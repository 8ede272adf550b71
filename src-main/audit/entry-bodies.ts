import canonicalize from 'canonicalize';
import { KEY_CHANGE_TAG } from './domain';
import { decodeCanonicalBase64 } from './ed25519';
import { noteKey, noteKeyId } from './signed-note';
import type { NoteKey } from './signed-note';

/** Bodies of the entries the log writes itself. Field names are part of the format. */

export interface KeyRecord {
  name: string;
  id: string;
  public_key: string;
}

export interface GenesisBody {
  event: 'genesis';
  key: KeyRecord;
  entry_signatures: boolean;
}

export interface RotationBody {
  event: 'rotate';
  key: KeyRecord;
  previous_key_id: string;
  signature: string;
}

export interface CheckpointBody {
  size: number;
  root: string;
  frontier: string[];
  note: string;
}

export interface ErasureBody {
  digest: string;
  reason: string;
}

export const ENTRY_SIGNATURES_SETTING = 'audit.entry_signatures';

export interface EntrySignaturesBody {
  setting: typeof ENTRY_SIGNATURES_SETTING;
  value: boolean;
}

export const CONTENT_FIELD = 'content_digest';

export function keyRecord(key: NoteKey): KeyRecord {
  return { name: key.name, id: key.keyId.toString('hex'), public_key: key.publicKey.toString('base64') };
}

export function keyFromRecord(value: unknown): NoteKey | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<KeyRecord>;
  if (typeof record.name !== 'string' || typeof record.id !== 'string' || typeof record.public_key !== 'string') {
    return undefined;
  }
  const publicKey = decodeCanonicalBase64(record.public_key, 32);
  if (!publicKey || noteKeyId(record.name, publicKey).toString('hex') !== record.id) return undefined;
  return noteKey(record.name, publicKey);
}

/** What the outgoing key signs to hand over: KEY_CHANGE_TAG ‖ JCS({key, origin, previous_key_id, seq}). */
export function rotationMessage(origin: string, seq: number, key: KeyRecord, previousKeyId: string): Buffer {
  const jcs = canonicalize({ key, origin, previous_key_id: previousKeyId, seq }) as string;
  return Buffer.from(KEY_CHANGE_TAG + jcs, 'utf8');
}

export function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const DIGEST = /^[0-9a-f]{64}$/;

const CONTENT_KEY = Buffer.from(`"${CONTENT_FIELD}":`);

/** The content digest an entry names, if any; cheap (a byte search) for a body without one. */
export function contentReference(kind: string, body: Buffer): string | undefined {
  if (kind === 'erasure' || body.indexOf(CONTENT_KEY) < 0) return undefined;
  const digest = parseBody(body.toString('utf8'))?.[CONTENT_FIELD];
  return typeof digest === 'string' && DIGEST.test(digest) ? digest : undefined;
}

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}
