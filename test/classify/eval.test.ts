import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_TYPES, type FindingCategory } from '../../src-shared/decision';
import { classifyText } from '../../src-main/classify/index';
import { BASELINE_FILE, evaluateSplit, loadFixtures, SPLITS, type Baseline, type Split } from './fixtures/evaluate';

const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
const categories = Object.keys(FINDING_TYPES) as FindingCategory[];
/** The product targets: per-category F1 floors and the benign look-alike ceiling. */
const TARGET_F1: Record<FindingCategory, number> = { SECRET: 0.97, FIN: 0.97, HEALTH: 0.95, PII: 0.93, THREAT: 0.8 };
const TARGET_BENIGN_RATE = 0.05;

describe.each(Object.keys(SPLITS) as Split[])('evaluation on the %s fixtures', (split) => {
  const report = evaluateSplit((text) => classifyText(text), split);

  it.each(categories)('%s F1 does not drop below the recorded baseline or the target', (cat) => {
    expect(report.perCategory[cat].f1).toBeGreaterThanOrEqual(baseline[split].f1[cat]);
    expect(report.perCategory[cat].f1).toBeGreaterThanOrEqual(TARGET_F1[cat]);
  });

  it('flags no more benign look-alikes than recorded, and under 5%', () => {
    expect(report.benign.rate).toBeLessThanOrEqual(baseline[split].benignRate);
    expect(report.benign.rate).toBeLessThan(TARGET_BENIGN_RATE);
  });
});

describe('fixtures', () => {
  it('cover all 33 types with several hundred spans and at least 150 benign payloads', () => {
    const labelled = loadFixtures([...SPLITS.dev.labelled, ...SPLITS.holdout.labelled]);
    const spans = labelled.flatMap((p) => p.spans);
    expect(spans.length).toBeGreaterThanOrEqual(300);
    expect(new Set(spans.map((s) => s.type))).toEqual(new Set(Object.values(FINDING_TYPES).flat()));
    expect(loadFixtures([...SPLITS.dev.benign, ...SPLITS.holdout.benign]).length).toBeGreaterThanOrEqual(150);
  });
});
