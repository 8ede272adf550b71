import { isSpace } from '../context';

const OPENING_QUOTES = '«“„‘‚‹「『';
const CLOSING_QUOTES = '»”“’‘›」』';

/**
 * Reads the value that follows an assignment (`=`, `:`, a flag or "is"): a quoted string, or a
 * run up to whitespace. Bounded to `max` characters so scanning stays linear.
 */
export function readValueAt(text: string, at: number, max = 256): { start: number; end: number } | null {
  const q = text[at];
  if (q === '"' || q === "'" || q === '`') {
    const close = text.slice(at + 1, at + 2 + max).indexOf(q);
    if (close < 0) return null;
    return { start: at + 1, end: at + 1 + close };
  }
  // Typographic quotes (« x », “x”, 「x」) are often set with spaces inside: the value is the run within.
  if (OPENING_QUOTES.includes(q ?? '')) {
    at++;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  }
  let end = at;
  while (end < text.length && end - at < max) {
    const c = text.charCodeAt(end);
    if (isSpace(c) || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || CLOSING_QUOTES.includes(text[end] as string)) break;
    end++;
  }
  // Sentence punctuation after a value is not part of it.
  while (end > at && /[.,;)\]}]/.test(text[end - 1] as string)) end--;
  return end > at ? { start: at, end } : null;
}
