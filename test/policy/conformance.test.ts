import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_DIR, runConformance } from '../../scripts/conformance';

const present = existsSync(join(CONFORMANCE_DIR, 'cases.jsonl'));
if (!present) console.warn('skipped: ../shared/conformance/opa not present');

interface Baseline { tier1: number; tier2: number }
const baseline = JSON.parse(readFileSync(new URL('./conformance-baseline.json', import.meta.url), 'utf8')) as Baseline;

describe('OPA conformance', () => {
  it.skipIf(!present)('keeps the recorded pass rates per tier', () => {
    const report = runConformance();
    const rate = (tier: string): number => {
      const t = report.perTier[tier]!;
      return t.pass / t.total;
    };
    expect(rate('1')).toBeGreaterThanOrEqual(baseline.tier1);
    expect(rate('2')).toBeGreaterThanOrEqual(baseline.tier2);
    // Unsupported cases fail but are never dropped.
    expect(report.outcomes.length).toBe(2157);
  }, 120_000);
});
