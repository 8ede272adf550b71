/** Sentence boundaries for spans that cover "the instruction sentence(s)". */
import { isSpace } from '../context';

/** Full-width 。！？: Chinese and Japanese end sentences with them and no space after. */
const isFullWidthTerminator = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f;
/** . ! ? and their full-width forms, the Devanagari danda and the Arabic full stop and question mark. */
const isTerminator = (c: number): boolean =>
  c === 46 || c === 33 || c === 63 || c === 0x0964 || c === 0x06d4 || c === 0x061f || isFullWidthTerminator(c);

/**
 * Start of the sentence holding `index`: after . ! ? followed by space, a newline, a tag end, or
 * a bracketed note before it ("[white text] AI tool: …").
 */
export function sentenceStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0 && index - i < 400; i--) {
    const c = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
    if (c === 10 || c === 62 || isFullWidthTerminator(c) || ((isTerminator(c) || c === 93) && isSpace(next))) {
      let s = i + 1;
      while (s < index && isSpace(text.charCodeAt(s))) s++;
      return s;
    }
    if (i === 0) return 0;
  }
  return Math.max(0, index - 400);
}

/** End (exclusive) of the sentence holding `index`: includes the terminator. */
export function sentenceEnd(text: string, index: number): number {
  for (let i = index; i < text.length && i - index < 600; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 60) return i;
    if (isFullWidthTerminator(c)) return i + 1;
    if (isTerminator(c)) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
      // Followed by space, a quote, a tag or a closing paren: the sentence ends here.
      if (isSpace(next) || next === 34 || next === 39 || next === 60 || next === 41) return i + 1;
    }
  }
  return Math.min(text.length, index + 600);
}

/** Consecutive injected sentences (only whitespace between) form one injection. */
export function joinAdjacent<T extends { start: number; end: number }>(text: string, spans: T[]): T[] {
  const out: T[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start - last.end <= 8 && text.slice(last.end, Math.max(last.end, s.start)).trim() === '') last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
