import { entropy } from '../checksums';
import { findAfterCue, matchAll, mentionsAny, windowBefore } from '../context';
import { wordList } from '../grams';
import { isPlaceholder } from '../placeholders';
import type { Detector, Span } from '../types';
import { readValueAt } from './value';

/** Field names that hold a secret of no specific type (`api_dev_key`, `apiUserKey` too). */
const SECRET_KEY =
  /(?:secret|token|apikey|accesskey|authkey|privatekey|credential|signingkey|encryptionkey|webhooksecret|sessionkey|masterkey|xapikey|bearer)$|^(?:secret|token|apikey|key|authorization|auth)|^api[a-z]{1,12}key$/;
const NOT_SECRET_KEY = /(?:url|uri|endpoint|type|expires|expiry|ttl|name|id$|count|length|path|file|publishable|public|hint|header|prefix|format)/;
/**
 * A secret's name, then `=`/`:` (group ASSIGNED) or not: a name without one may open a sentence
 * ("the API token is …", "the webhook secret for staging: …"), whose value follows within a few
 * words. One scan finds both.
 */
const ASSIGNMENT =
  /(?:secret|token|api[ _-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key|(?:signing|encryption|master|session|hmac)[_-]?key|webhook[_-]?secret)([a-z0-9_-]{0,20}["']?[ \t]{0,24}[:=]\s{0,3})?|\b(?:authorization:\s{0,3}(?:bearer|token|basic)|bearer)(\s{1,3})/g;
const ASSIGNED = 1;
const AUTHORIZATION = 2;
/** Names of a secret in other languages ("le jeton d'API (api_token) du CRM est …", "der API-Schlüssel lautet …"), in sentences. */
const SENTENCE_ABROAD = /\b(?:jeton|clé (?:d['’]\s?)?api|clave (?:de )?api|chave (?:de )?api|schlüssel|токен|ключ)/g;
const ABROAD_WORDS = wordList(['jeton', 'clé', 'clave', 'chave', 'schlüssel', 'токен', 'ключ']);
/**
 * A sentence's value: only one that passes the high-entropy test counts, so prose after the cue does
 * not; a trailing `…` is read with it, so a truncated value fails that test.
 */
const SENTENCE_CANDIDATE = /(?<![\w+/=-])[A-Za-z0-9_\-+/=.~!@#$%^&*()]{32,512}…?/g;
/** How far after a sentence's cue its value may sit: past "(api_token) du CRM est". */
const SENTENCE_GAP = 40;
/** Lowercase words joined by `_` or `-`: an identifier in a sentence ("rotated via rotate_keys_2024_v2_final_script"), not a secret. */
const SNAKE_CASE = /^[a-z0-9]{1,12}(?:[_-][a-z0-9]{1,12}){2,}$/;
/** A hash named near a sentence's value: a commit or digest, public by design ("the token fix landed in commit 3f2a…"). */
const HASH_NEARBY = /\b(?:commit|sha(?:-?1|-?256)?|hash|digest|checksum|revision|rev)\b/;
const HEX_DIGEST = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
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

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || c > 127;

/** Is the name matched at `index` a URL query parameter (`?api_key=…`, `&access_token=…`)? */
function inUrlQuery(lower: string, index: number): boolean {
  let s = index;
  while (s > 0 && index - s < 32 && /[\w.-]/.test(lower[s - 1] as string)) s--;
  return lower[s - 1] === '?' || lower[s - 1] === '&';
}

/** A query parameter's value ends at the next parameter or the fragment. */
function queryValueEnd(text: string, start: number, end: number): number {
  const stop = text.slice(start, end).search(/[&#]/);
  return stop < 0 ? end : start + stop;
}

/** A call, not a value: `getenv(...)`, `os.environ.get(...)`. */
const CALL = /^[\w.$]+\(.*\)$/;

/**
 * High-entropy, ≥32 characters, secret alphabet (base64, hex, and the punctuation generated keys
 * draw from, as Django's `!@#$%^&*(-_=+)`), not a call, not an id format that is public by design.
 */
function secretLike(v: string): boolean {
  if (v.length < 32 || v.length > 512 || !/^[A-Za-z0-9_\-+/=.~!@#$%^&*()]+$/.test(v) || CALL.test(v)) return false;
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
  const names = mentionsAny(ctx, ASSIGNMENT_WORDS) ? matchAll(lower, ASSIGNMENT) : [];
  const assigned = names.filter((m) => m[ASSIGNED] !== undefined || m[AUTHORIZATION] !== undefined);
  const flags = mentionsAny(ctx, FLAG_WORDS) ? matchAll(lower, FLAG) : [];
  for (const m of [...assigned, ...flags]) {
    const value = readValueAt(text, m.index + m[0].length, 512);
    if (value && inUrlQuery(lower, m.index)) value.end = queryValueEnd(text, value.start, value.end);
    if (value && value.start !== out[0]?.start && secretLike(text.slice(value.start, value.end))) {
      out.push({ type: 'GENERIC_SECRET', start: value.start, end: value.end, confidence: 0.75 });
    }
  }
  // A name inside a longer word ("tokenizer") opens no sentence about a secret.
  const sentenceCues = names.filter((m) => m[ASSIGNED] === undefined && m[AUTHORIZATION] === undefined && !isLetter(lower.charCodeAt(m.index + m[0].length)));
  if (mentionsAny(ctx, ABROAD_WORDS)) sentenceCues.push(...matchAll(lower, SENTENCE_ABROAD));
  if (sentenceCues.length === 0) return out;
  const ends = sentenceCues.map((m) => m.index + m[0].length).sort((a, b) => a - b);
  // The cue ends are found above (findAfterCue uses the pattern only to find them when none are given).
  for (const hit of findAfterCue(ctx, ASSIGNMENT, SENTENCE_CANDIDATE, SENTENCE_GAP, 64, ends)) {
    // The sentence's full stop is not part of the value.
    const value = hit.match[0].replace(/\.+$/, '');
    if (SNAKE_CASE.test(value) || (HEX_DIGEST.test(value) && HASH_NEARBY.test(windowBefore(ctx, hit.start, 60)))) continue;
    if (!out.some((o) => o.start === hit.start) && secretLike(value)) out.push({ type: 'GENERIC_SECRET', start: hit.start, end: hit.start + value.length, confidence: 0.7 });
  }
  return out;
};
