import { candidateMask, grams, mayHold, type Word, type WordList } from './grams';
import { cellsUnder, inColumnUnder, inHeaderLine } from './tables';
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

/** Field names repeat across payloads (and across the items of one): short ones are normalised once. */
const normalised = new Map<string, string>();
const NORMALISED_KEYS = 4096;
const CACHED_KEY_CHARS = 64;

/** Field names are compared without case or separators: `routing_number` = `routingNumber`. */
export function normaliseKey(key: string): string {
  const known = normalised.get(key);
  if (known !== undefined) return known;
  const n = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key.length <= CACHED_KEY_CHARS) {
    if (normalised.size >= NORMALISED_KEYS) normalised.clear();
    normalised.set(key, n);
  }
  return n;
}

/** True when the field name, the text shortly before `index` or the column header above it matches `words`. */
export function hasContext(ctx: ScanContext, index: number, words: RegExp, width = 40): boolean {
  return words.test(ctx.key) || words.test(windowBefore(ctx, index, width)) || inColumnUnder(ctx, index, words);
}

/** ASCII letter or digit, by char code: per-character regex tests dominate scans otherwise. */
export const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Whitespace as far as token boundaries go (ASCII controls and space, NBSP, line separators). */
export const isSpace = (c: number): boolean => c <= 32 || c === 160 || c === 0x2028 || c === 0x2029;

/** Exactly the characters `\s` matches in a regex (without the `u` flag), by char code. */
export const isRegexSpace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

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
 * The context of one scanned string. Its n-gram filter covers the text, the field name and the
 * JSON before the value, so one filter serves both text gates and cue gates.
 */
export function scanContext(text: string, key = '', before = ''): ScanContext {
  const lower = text.toLowerCase();
  return { text, lower, key, before, grams: grams(lower, key, before) };
}

/** A field's whole value, surrounding whitespace left out: for detectors that take the field by its name. */
export function wholeValue(text: string): { value: string; start: number; end: number } {
  const value = text.trim();
  const start = text.length - text.trimStart().length;
  return { value, start, end: start + value.length };
}

/** Cheap pre-filter: does the scanned text contain any of the literal (lowercase) words? */
export function mentionsAny(ctx: ScanContext, words: WordList): boolean {
  for (let base = 0; base < words.texts.length; base += 32) {
    for (let m = candidateMask(ctx.grams, words, base); m !== 0; m &= m - 1) {
      if (ctx.lower.includes(words.texts[base + 31 - Math.clz32(m & -m)] as string)) return true;
    }
  }
  return false;
}

/** Case-sensitive: does the original text contain `w`? */
export function textHas(ctx: ScanContext, w: Word): boolean {
  return mayHold(ctx.grams, w) && ctx.text.includes(w.text);
}

/** Does `text` hold any of the characters of `chars`? (A native search per character: fast.) */
export function hasAnyChar(text: string, chars: string): boolean {
  for (let i = 0; i < chars.length; i++) if (text.includes(chars[i] as string)) return true;
  return false;
}

/** A cue word may sit in the text, the field name or the JSON just before the value. */
export function cueNearby(ctx: ScanContext, words: WordList): boolean {
  for (let base = 0; base < words.texts.length; base += 32) {
    for (let m = candidateMask(ctx.grams, words, base); m !== 0; m &= m - 1) {
      const w = words.texts[base + 31 - Math.clz32(m & -m)] as string;
      if (ctx.lower.includes(w) || ctx.key.includes(w) || ctx.before.includes(w)) return true;
    }
  }
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
 * `viable(at)`, when given, is false only if no match can have the anchor at `at` as the first
 * one at or after its start; the starts before such an anchor are then not tried at all.
 */
export function matchAllNearAnchors(text: string, sticky: RegExp, anchor: string, lead: number, viable?: (at: number) => boolean): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  let at = text.indexOf(anchor);
  while (at >= 0 && out.length < MAX_MATCHES) {
    let matched = false;
    const tried = viable === undefined || viable(at);
    for (let s = Math.max(from, at - lead); tried && s <= at; s++) {
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
 * Where candidates for a context cue are looked for: after each cue in the text, at the start of
 * the value when the field name matches, or when the enclosing JSON just before the value carries
 * the cue (a sibling `"document_type": "passport"`). In text order.
 */
export function cueEnds(ctx: ScanContext, cue: RegExp, reach = 64): number[] {
  const starts: number[] = [];
  const cueTest = stickyFree(cue);
  if (cueTest.test(ctx.key) || cueTest.test(ctx.before.slice(-reach))) starts.push(0);
  for (const m of matchAll(ctx.lower, cue)) starts.push(m.index + m[0].length);
  return starts;
}

export interface CueHit {
  start: number;
  end: number;
  match: RegExpExecArray;
  /** For a value found in a table column: the end of its cell, which a list of values stays within. */
  cellEnd?: number;
}

/**
 * A field separator with a word after it between cue and candidate: the candidate is another
 * field's value ("born Jan 5, 1964 | joined 2019-03-02", "DOB n/a; hired 2020-01-06").
 */
const FIELD_BREAK = /[|;\t][^|;\t]*\p{L}/u;

/**
 * Candidates that follow a context cue within `gap` characters and not past another field (see
 * FIELD_BREAK, and `cueEnds`; a detector trying two candidate shapes passes the cue ends it found
 * once), and candidates opening a cell in a table column headed by the cue. `candidate` must be
 * global; it only ever runs on a bounded slice, so the cost is linear. In text order.
 */
export function findAfterCue(ctx: ScanContext, cue: RegExp, candidate: RegExp, gap: number, reach = 64, starts = cueEnds(ctx, cue, reach)): CueHit[] {
  const out: CueHit[] = [];
  let covered = -1;
  for (const p of starts) {
    if (p < covered) continue;
    const slice = ctx.text.slice(p, p + gap + 64);
    candidate.lastIndex = 0;
    const m = candidate.exec(slice);
    if (!m || m.index > gap) continue;
    const between = slice.slice(0, m.index);
    // Past a header line's end the next value is the first row's, in whichever column: cells below do for the cue's.
    if (FIELD_BREAK.test(between) || (p > 0 && between.includes('\n') && inHeaderLine(ctx, p - 1))) continue;
    const start = p + m.index;
    out.push({ start, end: start + m[0].length, match: m });
    covered = start + m[0].length;
  }
  const cells = cellsUnder(ctx, starts);
  if (cells.length === 0) return out;
  const found = new Set(out.map((h) => h.start));
  for (const cell of cells) {
    if (found.has(cell.start)) continue;
    candidate.lastIndex = 0;
    const m = candidate.exec(ctx.text.slice(cell.start, cell.end));
    if (m && m.index === 0) out.push({ start: cell.start, end: cell.start + m[0].length, match: m, cellEnd: cell.end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A cue: the literals it cannot match without (checked first, cheaply) and its pattern. */
export type Cue = readonly [words: WordList, cue: RegExp];

/**
 * findAfterCue for each cue whose literals are near (a detector's English cue, then its cue in
 * other languages), the hits in that order.
 */
export function findAfterCues(ctx: ScanContext, cues: readonly Cue[], candidate: RegExp, gap: number): CueHit[] {
  const hits: CueHit[] = [];
  for (const [words, cue] of cues) if (cueNearby(ctx, words)) hits.push(...findAfterCue(ctx, cue, candidate, gap));
  return hits;
}
