/**
 * Combines findings into one 0–100 score. Each finding type t with weight w_t, highest confidence
 * c_t and count n_t is a chance p_t = w_t/100 · c_t; types combine by probabilistic OR, and repeats
 * of a type count with diminishing weight (exponent 1 + log2 n_t):
 *   score = 100 · (1 − Π_t (1 − p_t)^(1 + log2 n_t))
 * One certain private key scores its full weight; ten e-mail addresses score more than one.
 */
import { FINDING_TYPES, type Finding, type FindingType } from '../../src-shared/decision';
import type { CompiledRiskSettings } from './compiled-settings';
import { ALL_FINDING_TYPES } from './settings';

const THREAT_TYPES: ReadonlySet<FindingType> = new Set(FINDING_TYPES.THREAT);
const TYPE_INDEX = new Map<FindingType, number>(ALL_FINDING_TYPES.map((type, i) => [type, i]));

// Scratch space reused across calls: the hot path runs single-threaded and never re-enters.
const counts = new Float64Array(ALL_FINDING_TYPES.length);
const maxConfidence = new Float64Array(ALL_FINDING_TYPES.length);
const touched: number[] = [];

export interface FindingScore {
  score: number;
  /** The type contributing most, with its count and highest confidence. */
  top: FindingType | undefined;
  topCount: number;
  topConfidence: number;
  findings: number;
  types: number;
}

export function scoreFindings(findings: readonly Finding[], threats: boolean, settings: CompiledRiskSettings): FindingScore {
  touched.length = 0;
  let total = 0;
  for (const finding of findings) {
    if (THREAT_TYPES.has(finding.type) !== threats) continue;
    const index = TYPE_INDEX.get(finding.type);
    if (index === undefined) continue;
    if (counts[index] === 0) touched.push(index);
    counts[index] = (counts[index] ?? 0) + 1;
    // A malformed confidence counts as certain: the model fails closed.
    const confidence = Number.isNaN(finding.confidence) ? 1 : Math.min(1, Math.max(0, finding.confidence));
    if (confidence > (maxConfidence[index] ?? 0)) maxConfidence[index] = confidence;
    total += 1;
  }
  let remaining = 1;
  let top: FindingType | undefined;
  let topChance = -1;
  let topCount = 0;
  let topConfidence = 0;
  for (const index of touched) {
    const type = ALL_FINDING_TYPES[index] as FindingType;
    const n = counts[index] ?? 0;
    const confidence = maxConfidence[index] ?? 0;
    const chance = ((settings.findingWeight.get(type) ?? 0) / 100) * confidence;
    remaining *= Math.pow(1 - chance, 1 + Math.log2(n));
    if (chance > topChance) {
      topChance = chance;
      top = type;
      topCount = n;
      topConfidence = confidence;
    }
    counts[index] = 0;
    maxConfidence[index] = 0;
  }
  return { score: 100 * (1 - remaining), top, topCount, topConfidence, findings: total, types: touched.length };
}

export function describeFindings(result: FindingScore, noun: string): string {
  if (result.top === undefined) return `no ${noun} findings`;
  const strongest = `${result.top} ×${result.topCount} (confidence ${result.topConfidence.toFixed(2)})`;
  if (result.findings === result.topCount) return strongest;
  return `${strongest}, strongest of ${result.findings} ${noun} findings in ${result.types} types`;
}
