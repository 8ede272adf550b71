/**
 * Payload classifier: finds the 33 finding types of classification.md in a payload.
 *
 * Offsets (UTF-16 code units, end exclusive):
 * - `classifyText(text)`: into `text`. When `text` is a JSON object or array, each string is
 *   classified on its own (its field name is context) and offsets are mapped back to the raw
 *   JSON text, escapes included; findings then also carry `path`.
 * - `classify(payload)` with a parsed JSON value: into the string value at `path` (numbers are
 *   scanned as their `String(n)` form; object keys carry `path` ending in `~`). A string payload
 *   is classified as text.
 * - A string value that holds JSON text is classified as the values inside it; its findings
 *   carry the string's `path`, with offsets as above.
 */
import type { Finding } from '../../src-shared/decision';
import { scanString } from './scan';
import { unitsOfJsonText, unitsOfValue, type ScanUnit } from './walk';

export { summarize, type ClassificationSummary } from './summary';

function classifyUnits(units: ScanUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const u of units) {
    for (const s of scanString(u.value, u.key, u.before)) {
      out.push({ type: s.type, start: u.toRaw(s.start), end: u.toRaw(s.end), confidence: Math.round(s.confidence * 100) / 100, path: u.path });
    }
  }
  return out;
}

const round = (f: Finding): Finding => ({ ...f, confidence: Math.round(f.confidence * 100) / 100 });

export function classifyText(text: string): Finding[] {
  const units = unitsOfJsonText(text);
  if (units) return classifyUnits(units);
  return scanString(text).map((s) => round({ type: s.type, start: s.start, end: s.end, confidence: s.confidence }));
}

export function classify(payload: unknown): Finding[] {
  if (typeof payload === 'string') return classifyText(payload);
  return classifyUnits(unitsOfValue(payload));
}
