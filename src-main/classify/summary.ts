import type { Finding, FindingType } from '../../src-shared/decision';

/** The policy input shape `input.classification` (DESIGN.md §3). */
export interface ClassificationSummary {
  findings: { type: FindingType; count: number; max_confidence: number }[];
  types: FindingType[];
}

export function summarize(findings: readonly Finding[]): ClassificationSummary {
  const byType = new Map<FindingType, { count: number; max_confidence: number }>();
  for (const f of findings) {
    const entry = byType.get(f.type);
    if (entry) {
      entry.count++;
      entry.max_confidence = Math.max(entry.max_confidence, f.confidence);
    } else {
      byType.set(f.type, { count: 1, max_confidence: f.confidence });
    }
  }
  const types = [...byType.keys()].sort();
  return { findings: types.map((type) => ({ type, ...(byType.get(type) as { count: number; max_confidence: number }) })), types };
}
