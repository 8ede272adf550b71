import { entropy } from '../checksums';
import { matchAll, mentionsAny } from '../context';
import { wordList } from '../grams';
import { isPlaceholder } from '../placeholders';
import type { Detector, Span } from '../types';
import { readValueAt } from './value';

/** Field names that hold a secret of no specific type. */
const SECRET_KEY = /(?:secret|token|apikey|accesskey|authkey|privatekey|credential|signingkey|encryptionkey|webhooksecret|sessionkey|masterkey|xapikey|bearer)$|^(?:secret|token|apikey|key|authorization|auth)/;
const NOT_SECRET_KEY = /(?:url|uri|endpoint|type|expires|expiry|ttl|name|id$|count|length|path|file|publishable|public|hint|header|prefix|format)/;
const ASSIGNMENT = /(?:secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key|signing[_-]?key|webhook[_-]?secret)[a-z0-9_-]{0,20}["']?\s{0,3}[:=]\s{0,3}|\b(?:authorization:\s{0,3}(?:bearer|token|basic)|bearer)\s{1,3}/g;
/**
 * Command-line forms: `--client-secret X`, `--token X`, and the client secret a service principal
 * logs in with (`az login --service-principal -u <app id> -p <secret>`).
 */
const FLAG = /--(?:[a-z]{1,20}-)?(?:secret|token|api-?key)\s{1,3}|\baz\s{1,3}login\b(?=[^\n]{0,200}--service-principal)[^\n]{0,200}?\s(?:-p|--password)(?:=|\s{1,3})/g;
const ASSIGNMENT_WORDS = wordList(['secret', 'token', 'key', 'bearer']);
const FLAG_WORDS = wordList(['-secret', '-token', '-key', '-apikey', 'az login']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Bits per character a random value clears: hex digits carry at most 4 (random 32-digit hex
 * averages 3.6 and rarely falls under 3.2), richer alphabets far more.
 */
const MIN_ENTROPY = 3.5;
const MIN_HEX_ENTROPY = 3.0;

/** High-entropy, ≥32 characters, secret alphabet, not an id format that is public by design. */
function secretLike(v: string): boolean {
  if (v.length < 32 || v.length > 512 || !/^[A-Za-z0-9_\-+/=.~]+$/.test(v)) return false;
  if (UUID.test(v) || isPlaceholder(v) || /^(?:pk|pub)_/.test(v)) return false;
  const floor = /^[0-9a-f]+$/i.test(v) ? MIN_HEX_ENTROPY : MIN_ENTROPY;
  return entropy(v) >= floor && /[0-9]/.test(v) && /[A-Za-z]/.test(v);
}

export const detectGenericSecret: Detector = (ctx) => {
  const { text, lower, key } = ctx;
  const out: Span[] = [];
  if (key && SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key)) {
    const v = text.trim().replace(/^(?:bearer|token|basic)\s+/i, '');
    if (secretLike(v)) {
      const start = text.indexOf(v);
      out.push({ type: 'GENERIC_SECRET', start, end: start + v.length, confidence: 0.8 });
    }
  }
  if (text.length < 32) return out;
  const assignments = mentionsAny(ctx, ASSIGNMENT_WORDS) ? matchAll(lower, ASSIGNMENT) : [];
  const flags = mentionsAny(ctx, FLAG_WORDS) ? matchAll(lower, FLAG) : [];
  for (const m of [...assignments, ...flags]) {
    const value = readValueAt(text, m.index + m[0].length, 512);
    if (value && value.start !== out[0]?.start && secretLike(text.slice(value.start, value.end))) {
      out.push({ type: 'GENERIC_SECRET', start: value.start, end: value.end, confidence: 0.75 });
    }
  }
  return out;
};
