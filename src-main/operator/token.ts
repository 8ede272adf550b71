import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The operator token guards the operator API over HTTP. It is its own credential, with its own
 * prefix, so it can never be mistaken for (or accepted as) an agent key and vice versa.
 */
export const OPERATOR_TOKEN_PREFIX = 'pco_';
const TOKEN_FILE = 'operator-token';

/** Reads the data directory's operator token, creating it (0600) on first start. */
export function loadOrCreateOperatorToken(dataDir: string): string {
  const path = join(dataDir, TOKEN_FILE);
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.startsWith(OPERATOR_TOKEN_PREFIX) && token.length >= 40) {
      chmodSync(path, 0o600);
      return token;
    }
  }
  const token = OPERATOR_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}

/** Constant-time comparison on digests, so neither length nor content leaks through timing. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
