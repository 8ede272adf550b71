import type { ScanContext } from '../types';

/**
 * Mention vs. use (classification.md rule 4): text that talks about an attack — training
 * material, docs, warnings, definitions — quotes it without carrying it. Looks at the hit's
 * sentence (only within the scanned string: sibling JSON fields such as a URL must not count).
 */
const DISCUSSION =
  /(?<![.\-/@])\b(?:such as|for example|for instance|e\.g\.|i\.e\.|examples?|phrases?|payloads?|attack(?:s|ers?)?|techniques?|commonly|most common|a common|classic|known as|is when|is called|refers? to|training|awareness|lesson|slide|quiz|cheat ?sheet|owasp|mitre|att&ck|detect(?:s|ed|ion)?|filters?|flags?|classifier|mitigat\w*|defen[cs]es?|beware|warning|dangerous|unsafe|explains?|describe[sd]?|post-exploitation|vulnerab\w*|parameteri[sz]ed|sanitiz\w*|injection|jailbreaks?)\b(?![.-][a-z])|like ["'“‘]/;

/** The end of the hit's sentence: the text after the hit is read up to it. */
const SENTENCE_STOP = /[.!?](?=\s|$)|\n/;

/** `extra` adds detector-specific vocabulary (e.g. "never" for shell warnings). */
export function isMention(ctx: ScanContext, start: number, end: number, extra?: RegExp): boolean {
  // Bounded look-back: an unbounded lastIndexOf per hit would make many hits quadratic.
  const window = ctx.lower.slice(Math.max(0, start - 160), start);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  const tail = ctx.lower.slice(end, Math.min(ctx.lower.length, end + 100));
  const stop = tail.search(SENTENCE_STOP);
  const after = stop < 0 ? tail : tail.slice(0, stop);
  return DISCUSSION.test(before) || DISCUSSION.test(after) || (extra !== undefined && (extra.test(before) || extra.test(after)));
}
