import type { FindingType } from '../../src-shared/decision';

/** A detector hit inside one scanned string; offsets are into that string. */
export interface Span {
  type: FindingType;
  start: number;
  end: number;
  confidence: number;
}

/**
 * What a detector knows about the string it scans. `key` is the normalised field name
 * (lowercase, separators removed) when the string is a JSON value; `before` is the lowercased
 * raw text just before the string (keys and sibling values), so context words that sit in
 * the enclosing JSON count as context.
 */
export interface ScanContext {
  text: string;
  lower: string;
  key: string;
  before: string;
  /**
   * N-gram filter of `lower`, `key` and `before` (grams.ts): rules out absent words without a
   * scan. A shared buffer: valid while this string is scanned, overwritten by the next context.
   */
  grams: Int32Array;
}

export type Detector = (ctx: ScanContext) => Span[];
