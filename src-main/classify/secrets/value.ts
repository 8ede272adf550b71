import { isSpace } from '../context';

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
  let end = at;
  while (end < text.length && end - at < max) {
    const c = text.charCodeAt(end);
    if (isSpace(c) || c === 34 || c === 39 || c === 96 || c === 60 || c === 62) break;
    end++;
  }
  // Sentence punctuation after a value is not part of it.
  while (end > at && /[.,;)\]}]/.test(text[end - 1] as string)) end--;
  return end > at ? { start: at, end } : null;
}
