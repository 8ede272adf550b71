/**
 * Encoded content that can hide data: base64 runs and URL-encoded tokens. Each decoded piece
 * carries a map back to the encoded text so findings land on the encoded characters.
 */
import { isRegexSpace } from './context';
export interface Decoded {
  text: string;
  /** Offset in the encoded source of decoded offset `i` (end-exclusive offsets allowed). */
  toSource: (i: number) => number;
}

/** Total decoded characters scanned per string: keeps a long blob linear and cheap. */
const DECODE_BUDGET = 64 * 1024;

/** Candidate runs: 24 to 4096 characters of the base64 and base64url alphabets, then up to two `=`. */
const MIN_RUN = 24;
const MAX_RUN = 4096;

const BASE64_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') BASE64_CHARS[c.charCodeAt(0)] = 1;
const isBase64Char = (c: number): boolean => c < 128 && BASE64_CHARS[c] === 1;

/**
 * The next candidate run at or after `from`, as `/[A-Za-z0-9+/_-]{24,4096}={0,2}/g` would find
 * it (`from` counts as a run boundary). The regex retried every start inside each short word;
 * this probes the character MIN_RUN - 1 ahead instead: a run of MIN_RUN characters starting in
 * [i, i + MIN_RUN) must cover it, so when it is not a base64 character the whole stretch is
 * skipped, and otherwise only the run around it is read. Words of prose are read about once
 * per MIN_RUN characters instead of every character.
 */
function nextBase64Run(text: string, from: number): { start: number; end: number } | null {
  const n = text.length;
  let i = from;
  while (i + MIN_RUN <= n) {
    const probe = i + MIN_RUN - 1;
    if (!isBase64Char(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && isBase64Char(text.charCodeAt(start - 1))) start--;
    let j = probe + 1;
    while (j < n && isBase64Char(text.charCodeAt(j))) j++;
    if (j - start >= MIN_RUN) {
      const end = Math.min(j, start + MAX_RUN);
      let e = end;
      if (end === j) while (e < n && e - end < 2 && text.charCodeAt(e) === 61) e++;
      return { start, end: e };
    }
    i = j + 1; // text[j] ends the run: not a base64 character
  }
  return null;
}

/** Mostly printable text: decoded binary (keys, hashes, images) is not worth scanning. */
function printable(s: string): boolean {
  if (s.length < 12) return false;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13 || c >= 160) ok++;
  }
  return ok / s.length >= 0.95 && !s.includes('\uFFFD');
}

export function base64Pieces(text: string): Decoded[] {
  const out: Decoded[] = [];
  let budget = DECODE_BUDGET;
  for (let m = nextBase64Run(text, 0); m && budget > 0; m = nextBase64Run(text, m.end)) {
    const { start, end } = m;
    const run = text.slice(start, end);
    // Plain words, identifiers and hex digests are not base64 payloads: require mixed case.
    if (!/[a-z]/.test(run) || !/[A-Z]/.test(run)) continue;
    const decoded = Buffer.from(run.slice(0, budget * 2), run.includes('-') || run.includes('_') ? 'base64url' : 'base64').toString('utf8');
    if (!printable(decoded)) continue;
    budget -= decoded.length;
    out.push({ text: decoded, toSource: (k) => Math.min(end, start + Math.floor((k * 4) / 3)) });
  }
  return out;
}

/** Offsets of the valid %XX escapes in `token`, without allocating per escape. */
function escapeOffsets(token: string): Int32Array {
  const found = new Int32Array(Math.floor(token.length / 3) + 1);
  let n = 0;
  for (let i = token.indexOf('%'); i >= 0 && i + 2 < token.length; i = token.indexOf('%', i + 1)) {
    if (isHex(token.charCodeAt(i + 1)) && isHex(token.charCodeAt(i + 2))) {
      found[n++] = i;
      i += 2;
    }
  }
  return found.subarray(0, n);
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * Decodes a token's %XX escapes (and + as space), each into one character, so a decoded offset
 * maps back by adding two characters per escape before it. `unescape` is used on purpose: it is
 * native, linear, never throws on malformed input and decodes byte-wise (one char per escape).
 */
function decodeToken(token: string, start: number, escapes: Int32Array): Decoded {
  const decoded = unescape(token.includes('%u') ? token.replace(/%u/g, '%25u') : token);
  const text = token.includes('+') ? decoded.replace(/\+/g, ' ') : decoded;
  // Decoded offset of escape j is escapes[j] - 2j; count those below k by binary search.
  const toSource = (k: number): number => {
    let lo = 0;
    let hi = escapes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((escapes[mid] as number) - 2 * mid < k) lo = mid + 1;
      else hi = mid;
    }
    return start + k + 2 * lo;
  };
  return { text, toSource };
}

/**
 * The tokens (runs of non-whitespace, as `/\S+/g` finds them) with two or more %XX escapes,
 * decoded. Only tokens holding a `%` can qualify, so each is found outward from a `%` instead
 * of tokenising the whole text.
 */
export function urlEncodedPieces(text: string): Decoded[] {
  const out: Decoded[] = [];
  let budget = DECODE_BUDGET;
  for (let pct = text.indexOf('%'); pct >= 0 && budget > 0; ) {
    let start = pct;
    while (start > 0 && !isRegexSpace(text.charCodeAt(start - 1))) start--;
    let end = pct + 1;
    while (end < text.length && !isRegexSpace(text.charCodeAt(end))) end++;
    const token = text.slice(start, end);
    const escapes = escapeOffsets(token);
    if (escapes.length >= 2) {
      const piece = decodeToken(token, start, escapes);
      budget -= piece.text.length;
      out.push(piece);
    }
    pct = text.indexOf('%', end);
  }
  return out;
}
