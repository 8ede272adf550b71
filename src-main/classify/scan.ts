import { base64Pieces, urlEncodedPieces, type Decoded } from './decode';
import { NUMERIC_DETECTORS, TEXT_DETECTORS } from './detectors';
import { resolveSpans } from './resolve';
import { scanContext } from './context';
import { joinAdjacent } from './threats/sentences';
import type { ScanContext, Span } from './types';

/** Longest string scanned; beyond it only the head is classified (documented cap). */
const MAX_SCAN_CHARS = 1 << 20;
/** At most this many findings per string, so adversarial inputs keep resolution cheap. */
const MAX_SPANS = 2000;

/** The detectors' findings in `ctx`, each detector skipped where its text is too short for any (detectors.ts). */
export function runDetectors(ctx: ScanContext): Span[] {
  const spans: Span[] = [];
  const n = ctx.text.length;
  for (const d of TEXT_DETECTORS) if (n >= d.minChars) spans.push(...d.detect(ctx));
  if (/\d/.test(ctx.text)) for (const d of NUMERIC_DETECTORS) if (n >= d.minChars) spans.push(...d.detect(ctx));
  return spans.length > MAX_SPANS ? spans.slice(0, MAX_SPANS) : spans;
}

function scanDecoded(pieces: Decoded[], key: string, before: string): Span[] {
  const out: Span[] = [];
  for (const piece of pieces) {
    for (const s of runDetectors(scanContext(piece.text, key, before))) {
      out.push({ ...s, start: piece.toSource(s.start), end: piece.toSource(s.end), confidence: s.confidence * 0.9 });
    }
  }
  return out;
}

const isInjection = (s: Span): boolean => s.type === 'PROMPT_INJECTION';

/**
 * Classifies one string. `key` is the normalised field name it sits in ('' for free text) and
 * `before` the lowercased text preceding it; offsets are into `value`.
 */
export function scanString(value: string, key = '', before = ''): Span[] {
  if (value.length < 3) return [];
  const text = value.length > MAX_SCAN_CHARS ? value.slice(0, MAX_SCAN_CHARS) : value;
  const spans = runDetectors(scanContext(text, key, before));
  if (text.length < 24) return resolveSpans(spans);
  const decoded = [...scanDecoded(base64Pieces(text), key, before), ...scanDecoded(urlEncodedPieces(text), key, before)];
  spans.push(...decoded);
  // An encoded instruction right after the plain one that says to decode it is the same injection.
  if (!decoded.some(isInjection)) return resolveSpans(spans);
  return resolveSpans([...spans.filter((s) => !isInjection(s)), ...joinAdjacent(text, spans.filter(isInjection))]);
}
