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

/**
 * A 1024-bit set of the character pairs in `lower`, built in one pass. A word whose pairs are
 * not all present cannot occur, so most gate words are ruled out without scanning the text.
 */
export function bigrams(lower: string): Uint32Array {
  const bits = new Uint32Array(32);
  // Long texts hold nearly every pair anyway: an all-ones filter lets every word through at once.
  if (lower.length > 2048) return bits.fill(0xffffffff);
  for (let i = 1; i < lower.length; i++) {
    const h = (lower.charCodeAt(i - 1) * 31 + lower.charCodeAt(i)) & 1023;
    bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
  }
  return bits;
}

function mayContain(bits: Uint32Array, word: string): boolean {
  for (let i = 1; i < word.length; i++) {
    const h = (word.charCodeAt(i - 1) * 31 + word.charCodeAt(i)) & 1023;
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
