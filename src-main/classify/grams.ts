/**
 * The n-gram filter of a scanned string: a set of its character n-grams, built in one pass, so
 * that a gate word whose n-grams are not all present is ruled out without searching the text.
 * Short texts: a 1024-bit set of pairs. Longer ones, where most common pairs occur and a pair
 * filter lets many words through (each then costs a search of the whole text): a 65536-bit set
 * of pairs and triples, which still rules out most absent words (a word is then searched for
 * only when it is probably there). Even a paragraph of prose is "longer": its triple filter
 * costs less to build than the searches the pair filter would let through.
 * Gate words are compiled once (`wordList`) into the bits they need in either filter, so a check
 * is a few bit tests. A filter's last word records whether any character is beyond ASCII, and a
 * word list puts its ASCII words first: the words of other scripts (most multilingual cues) are
 * then not even looked at for ASCII text, which most text is.
 */

/** Texts up to this length get the 1024-bit pair filter; longer ones the 65536-bit one. */
const SHORT_FILTER_CHARS = 256;
const SHORT_WORDS = 32;
const LONG_WORDS = 2048;

const shortHash = (a: number, b: number): number => (a * 31 + b) & 1023;
const pairHash = (a: number, b: number): number => (Math.imul(a * 31 + b, 0x9e3779b1) >>> 16) & 0xffff;
const tripleHash = (a: number, b: number, c: number): number => (Math.imul((a * 31 + b) * 31 + c, 0x85ebca6b) >>> 16) & 0xffff;

// Int32Array, not Uint32Array: set bit 31 would otherwise leave the small-integer range and
// slow every update down. Both return the OR of the character codes, for the non-ASCII flag.
function addShort(bits: Int32Array, s: string): number {
  let a = s.charCodeAt(0);
  let codes = s.length > 0 ? a : 0;
  for (let i = 1; i < s.length; i++) {
    const b = s.charCodeAt(i);
    const h = shortHash(a, b);
    bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
    codes |= b;
    a = b;
  }
  return codes;
}

function addLong(bits: Int32Array, s: string): number {
  if (s.length < 2) return s.length === 1 ? s.charCodeAt(0) : 0;
  let a = s.charCodeAt(0);
  let b = s.charCodeAt(1);
  let codes = a | b;
  let h = pairHash(a, b);
  bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
  for (let i = 2; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = pairHash(b, c);
    bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
    h = tripleHash(a, b, c);
    bits[h >> 5] = (bits[h >> 5] as number) | (1 << (h & 31));
    codes |= c;
    a = b;
    b = c;
  }
  return codes;
}

/** Set in ORed character codes when one of them is beyond ASCII. */
const NON_ASCII = ~0x7f;

// One filter of each size, reused: allocating a typed array of this size costs more than
// building the filter of a short string. The word after the bits is the non-ASCII flag.
const SHORT_FILTER = new Int32Array(SHORT_WORDS + 1);
const LONG_FILTER = new Int32Array(LONG_WORDS + 1);

/**
 * The filter of `lower` together with the field name and the JSON before a value, where cue
 * words also count; its size follows `lower` alone. The filter is a shared buffer, valid until
 * the next call: strings are scanned one at a time, each by one synchronous detector run.
 */
export function grams(lower: string, key: string, before: string): Int32Array {
  if (lower.length > SHORT_FILTER_CHARS) {
    LONG_FILTER.fill(0);
    LONG_FILTER[LONG_WORDS] = (addLong(LONG_FILTER, lower) | addLong(LONG_FILTER, key) | addLong(LONG_FILTER, before)) & NON_ASCII;
    return LONG_FILTER;
  }
  SHORT_FILTER.fill(0);
  SHORT_FILTER[SHORT_WORDS] = (addShort(SHORT_FILTER, lower) | addShort(SHORT_FILTER, key) | addShort(SHORT_FILTER, before)) & NON_ASCII;
  return SHORT_FILTER;
}

/**
 * A gate word with the filter bits it needs in either filter size. The bits are those of the
 * lowercased word, so one filter (of lowercased text) also rules out case-sensitive words.
 */
export interface Word {
  readonly text: string;
  readonly short: Int32Array;
  readonly long: Int32Array;
}

function shortBits(w: string): Int32Array {
  const out: number[] = [];
  for (let i = 1; i < w.length; i++) out.push(shortHash(w.charCodeAt(i - 1), w.charCodeAt(i)));
  return Int32Array.from(out);
}

/** Long filter: a word by its pairs and triples (the pairs catch triples that only collide). */
function longBits(w: string): Int32Array {
  const out: number[] = [];
  for (let i = 2; i < w.length; i++) out.push(tripleHash(w.charCodeAt(i - 2), w.charCodeAt(i - 1), w.charCodeAt(i)));
  for (let i = 1; i < w.length; i++) out.push(pairHash(w.charCodeAt(i - 1), w.charCodeAt(i)));
  return Int32Array.from(out);
}

export function word(text: string): Word {
  const lower = text.toLowerCase();
  return { text, short: shortBits(lower), long: longBits(lower) };
}

/**
 * Gate words, ASCII ones first: `asciiCount` of them are all a text of ASCII alone can hold.
 * Per filter size, each word's first two bits (its only one twice; a word without any, none,
 * is set in `always`) come first, in `lead`, for a test of up to 32 words at once without a
 * branch per word: a text holds few of the words it is checked for, and with a branch per word
 * (taken or not at random) the mispredictions cost more than the bit tests. Each word's other
 * bits follow flat, word i's from `restStarts[i]`, for the few words past that test.
 */
export interface WordList {
  readonly texts: readonly string[];
  readonly asciiCount: number;
  readonly short: Bits;
  readonly long: Bits;
}

interface Bits {
  readonly lead: Int32Array;
  readonly rest: Int32Array;
  readonly restStarts: Int32Array;
  /** Per block of 32 words, those without bits. */
  readonly always: Int32Array;
}

function layout(perWord: Int32Array[]): Bits {
  const lead = new Int32Array(2 * perWord.length);
  const restStarts = new Int32Array(perWord.length + 1);
  const always = new Int32Array(Math.ceil(perWord.length / 32));
  perWord.forEach((b, i) => {
    lead[2 * i] = b[0] ?? 0;
    lead[2 * i + 1] = b[1] ?? b[0] ?? 0;
    if (b.length === 0) always[i >> 5] = (always[i >> 5] as number) | (1 << (i & 31));
    restStarts[i + 1] = (restStarts[i] as number) + Math.max(0, b.length - 2);
  });
  const rest = new Int32Array(restStarts[perWord.length] as number);
  perWord.forEach((b, i) => rest.set(b.subarray(2), restStarts[i]));
  return { lead, rest, restStarts, always };
}

const ASCII = /^[^\u0080-\uffff]*$/;
/** No character beyond U+007F. */
export const isAscii = (s: string): boolean => ASCII.test(s);

export function wordList(words: readonly string[]): WordList {
  const ascii = words.filter(isAscii);
  const texts = [...ascii, ...words.filter((t) => !isAscii(t))];
  const short = layout(texts.map((t) => shortBits(t.toLowerCase())));
  const long = layout(texts.map((t) => longBits(t.toLowerCase())));
  return { texts, asciiCount: ascii.length, short, long };
}

/**
 * Of the 32 words from `base` on, those `filter` does not rule out: bit j for word base + j. A
 * text of ASCII alone (the filter's last word is 0) is only checked for the ASCII words.
 */
export function candidateMask(filter: Int32Array, words: WordList, base: number): number {
  const { lead, rest, restStarts, always } = filter.length === SHORT_WORDS + 1 ? words.short : words.long;
  const n = Math.min(base + 32, filter[filter.length - 1] === 0 ? words.asciiCount : words.texts.length);
  if (n <= base) return 0;
  let mask = 0;
  // `>>> h` shifts by h & 31: the bit of h in its filter word.
  for (let i = base; i < n; i++) {
    const h1 = lead[2 * i] as number;
    const h2 = lead[2 * i + 1] as number;
    mask |= (((filter[h1 >> 5] as number) >>> h1) & ((filter[h2 >> 5] as number) >>> h2) & 1) << (i - base);
  }
  mask |= (always[base >> 5] as number) & (n - base >= 32 ? -1 : (1 << (n - base)) - 1);
  for (let m = mask; m !== 0; m &= m - 1) {
    const j = 31 - Math.clz32(m & -m);
    for (let k = restStarts[base + j] as number, end = restStarts[base + j + 1] as number; k < end; k++) {
      const h = rest[k] as number;
      if ((((filter[h >> 5] as number) >>> h) & 1) === 0) {
        mask &= ~(1 << j);
        break;
      }
    }
  }
  return mask;
}

/** False when `filter` rules `w` out; true when it may be present (a single character always may). */
export function mayHold(filter: Int32Array, w: Word): boolean {
  const bits = filter.length === SHORT_WORDS + 1 ? w.short : w.long;
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i] as number;
    if (((filter[h >> 5] as number) & (1 << (h & 31))) === 0) return false;
  }
  return true;
}
