import type { ScanContext } from './types';

/**
 * Lowercased text of up to `width` characters before `index`, reaching into the enclosing JSON.
 * A word cut by the window's edge is dropped, so "server" never reads as "ver".
 */
export function windowBefore(ctx: ScanContext, index: number, width: number): string {
  const from = index - width;
  const raw = from >= 0 ? ctx.lower.slice(from, index) : ctx.before.slice(Math.max(0, ctx.before.length + from)) + ' ' + ctx.lower.slice(0, index);
  const cut = from > 0 && /\w/.test(ctx.lower[from - 1] ?? '') && /^\w/.test(raw);
  return cut ? raw.replace(/^\w+/, '') : raw;
}

/** Field names are compared without case or separators: `routing_number` = `routingNumber`. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when the field name or the text shortly before `index` matches `words`. */
export function hasContext(ctx: ScanContext, index: number, words: RegExp, width = 40): boolean {
  return words.test(ctx.key) || words.test(windowBefore(ctx, index, width));
}

/** ASCII letter or digit, by char code: per-character regex tests dominate scans otherwise. */
export const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Whitespace as far as token boundaries go (ASCII controls and space, NBSP, line separators). */
export const isSpace = (c: number): boolean => c <= 32 || c === 160 || c === 0x2028 || c === 0x2029;

/** Characters that end a URL, a token or a path in running text. */
export const isDelimiter = (c: number): boolean =>
  c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 92 || c === 41 || c === 93 || c === 125 || c === 124;

const nonGlobal = new WeakMap<RegExp, RegExp>();

/** The same pattern without the global flag, for `test` calls that must not carry lastIndex. */
function stickyFree(re: RegExp): RegExp {
  let copy = nonGlobal.get(re);
  if (!copy) {
    copy = new RegExp(re.source, re.flags.replace('g', ''));
    nonGlobal.set(re, copy);
  }
  return copy;
}

/** Texts up to this length get the 1024-bit pair filter; longer ones the 65536-bit one. */
const SHORT_FILTER_CHARS = 2048;

const pairHash = (a: number, b: number): number => (Math.imul(a * 31 + b, 0x9e3779b1) >>> 16) & 0xffff;
const tripleHash = (a: number, b: number, c: number): number => (Math.imul((a * 31 + b) * 31 + c, 0x85ebca6b) >>> 16) & 0xffff;

/**
 * A set of the character n-grams in `lower`, built in one pass. A word whose n-grams are not all
 * present cannot occur, so most gate words are ruled out without scanning the text.
 * Short texts: a 1024-bit set of pairs. Long texts, where nearly every pair occurs and a
 * pair filter would let every word through: a 65536-bit set of pairs and triples, which still
 * rules out most absent words (a word is then looked up only when it is probably there).
 */
export function bigrams(lower: string): Uint32Array {
  if (lower.length > SHORT_FILTER_CHARS) {
    const bits = new Uint32Array(2048);
    let a = lower.charCodeAt(0);
    let b = lower.charCodeAt(1);
    let h = pairHash(a, b);
    bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
    for (let i = 2; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      h = pairHash(b, c);
      bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
      h = tripleHash(a, b, c);
      bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
      a = b;
      b = c;
    }
    return bits;
  }
  const bits = new Uint32Array(32);
  for (let i = 1; i < lower.length; i++) {
    const h = (lower.charCodeAt(i - 1) * 31 + lower.charCodeAt(i)) & 1023;
    bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
  }
  return bits;
}

function mayContain(bits: Uint32Array, word: string): boolean {
  if (bits.length === 32) {
    for (let i = 1; i < word.length; i++) {
      const h = (word.charCodeAt(i - 1) * 31 + word.charCodeAt(i)) & 1023;
      if (((bits[h >> 5] as number) & (1 << (h & 31))) === 0) return false;
    }
    return true;
  }
  if (word.length === 2) {
    const h = pairHash(word.charCodeAt(0), word.charCodeAt(1));
    return ((bits[h >> 5] as number) & (1 << (h & 31))) !== 0;
  }
  for (let i = 2; i < word.length; i++) {
    const h = tripleHash(word.charCodeAt(i - 2), word.charCodeAt(i - 1), word.charCodeAt(i));
    if (((bits[h >> 5] as number) & (1 << (h & 31))) === 0) return false;
  }
  return true;
}

/** Cheap pre-filter: does the scanned text contain any of the literal (lowercase) `words`? */
export function mentionsAny(ctx: ScanContext, words: readonly string[]): boolean {
  for (const w of words) if (mayContain(ctx.grams, w) && ctx.lower.includes(w)) return true;
  return false;
}

/** A cue word may sit in the text, the field name or the JSON just before the value. */
export function cueNearby(ctx: ScanContext, words: readonly string[]): boolean {
  if (mentionsAny(ctx, words)) return true;
  for (const w of words) if (ctx.key.includes(w) || ctx.before.includes(w)) return true;
  return false;
}

/** Matches kept per pattern and string: beyond it an input is pathological, not a payload. */
const MAX_MATCHES = 2000;

/** Matches of a global regex (which must not match the empty string), at most MAX_MATCHES. */
export function matchAll(text: string, re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.length < MAX_MATCHES; m = re.exec(text)) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * The same matches as `matchAll(text, re)` for a pattern whose every match holds `anchor` at most
 * `lead` characters after its start, found without trying every start: a position with no anchor
 * in the next `lead + 1` characters cannot start a match, so only the `lead + 1` starts before each
 * anchor are tried, leftmost first. `sticky` is the pattern with the `y` flag (not `g`).
 */
export function matchAllNearAnchors(text: string, sticky: RegExp, anchor: string, lead: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  let at = text.indexOf(anchor);
  while (at >= 0 && out.length < MAX_MATCHES) {
    let matched = false;
    for (let s = Math.max(from, at - lead); s <= at; s++) {
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (!m) continue;
      out.push(m);
      from = s + Math.max(1, m[0].length);
      matched = true;
      break;
    }
    // After a match, the next anchor at or after its end (possibly this one again if the match
    // ended before it); otherwise the next anchor.
    at = text.indexOf(anchor, matched ? from : at + 1);
  }
  return out;
}

/**
 * Candidates that follow a context cue within `gap` characters: after each cue in the text,
 * at the start of the value when the field name matches, or when the enclosing JSON just
 * before the value carries the cue (a sibling `"document_type": "passport"`).
 * `candidate` must be global; it only ever runs on a bounded slice, so the cost is linear.
 */
export function findAfterCue(
  ctx: ScanContext,
  cue: RegExp,
  candidate: RegExp,
  gap: number,
  reach = 64,
): { start: number; end: number; match: RegExpExecArray }[] {
  const starts: number[] = [];
  const cueTest = stickyFree(cue);
  if (cueTest.test(ctx.key) || cueTest.test(ctx.before.slice(-reach))) starts.push(0);
  for (const m of matchAll(ctx.lower, cue)) starts.push(m.index + m[0].length);
  const out: { start: number; end: number; match: RegExpExecArray }[] = [];
  let covered = -1;
  for (const p of starts) {
    if (p < covered) continue;
    const slice = ctx.text.slice(p, p + gap + 64);
    candidate.lastIndex = 0;
    const m = candidate.exec(slice);
    if (!m || m.index > gap) continue;
    const start = p + m.index;
    out.push({ start, end: start + m[0].length, match: m });
    covered = start + m[0].length;
  }
  return out;
}
