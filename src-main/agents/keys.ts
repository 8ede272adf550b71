import { hash, randomBytes } from 'node:crypto';

/**
 * Agent API keys: `pca_<8 hex id>_<43 base64url secret>`. The id part is shown in lists so an
 * operator can tell keys apart; only SHA-256 of the whole key is stored (the secret has 256 bits
 * of entropy, so a plain hash is enough: there is nothing to brute-force). Agent keys and
 * operator tokens (`pco_`) are separate worlds and never accepted for each other.
 */
export const AGENT_KEY_PREFIX = 'pca_';
const KEY_PATTERN = /^pca_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export interface NewAgentKey {
  /** The whole key: shown once, never stored. */
  key: string;
  /** `pca_1a2b3c4d`: safe to display and log. */
  displayPrefix: string;
  hash: string;
}

export function generateAgentKey(): NewAgentKey {
  const id = randomBytes(4).toString('hex');
  const key = `${AGENT_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { key, displayPrefix: `${AGENT_KEY_PREFIX}${id}`, hash: hashAgentKey(key) };
}

export function hashAgentKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Cheap shape check before any lookup, so junk never reaches the store. */
export function looksLikeAgentKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
