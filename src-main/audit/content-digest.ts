import { createHash } from 'node:crypto';
import { CONTENT_TAG } from './domain';

/**
 * Name of a content row: SHA-256(CONTENT_TAG ‖ instance salt ‖ content), hex. The salt is
 * secret and never exported, so a digest in an export cannot confirm a guessed value.
 */
export function contentDigest(salt: Buffer, content: Buffer): string {
  return createHash('sha256').update(CONTENT_TAG).update(salt).update(content).digest('hex');
}

export function contentBytes(content: Buffer | string): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}
