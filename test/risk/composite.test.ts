import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_FACTORS, type RiskFactor, type RiskFactorName } from '../../src-shared/decision';
import { assessRisk } from '../../src-main/risk/assess';
import { compileSettings } from '../../src-main/risk/compiled-settings';
import { compositeScore, riskOutcome, thresholdsFor } from '../../src-main/risk/composite';
import { DEFAULT_RISK_SETTINGS } from '../../src-main/risk/settings';
import { agent, finding, settingsWith, TUESDAY_10_UTC } from './fixtures';

function factors(scores: number[]): Record<RiskFactorName, RiskFactor> {
  return Object.fromEntries(RISK_FACTORS.map((name, i) => [name, { score: scores[i] ?? 0, explanation: '' }])) as Record<RiskFactorName, RiskFactor>;
}

const scoreArb = fc.integer({ min: 0, max: 100 });
const scoresArb = fc.array(scoreArb, { minLength: 7, maxLength: 7 });
const settingsArb = fc
  .record({
    weights: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 7, maxLength: 7 }),
    ratios: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 }),
    critical_at: scoreArb,
    corroboration: fc.integer({ min: 0, max: 30 }),
  })
  .filter((s) => s.weights.some((w) => w > 0))
  .map((s) =>
    compileSettings(
      settingsWith({
        weights: Object.fromEntries(RISK_FACTORS.map((name, i) => [name, s.weights[i]])),
        floor: { critical_at: s.critical_at, corroboration: s.corroboration, ratios: Object.fromEntries(RISK_FACTORS.map((name, i) => [name, s.ratios[i]])) },
      }),
    ),
  );

describe('composite score', () => {
  it('is monotonic in every factor, for any weights, ratios and floor settings', () => {
    fc.assert(
      fc.property(settingsArb, scoresArb, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 100 }), (settings, scores, index, raise) => {
        const higher = [...scores];
        higher[index] = Math.min(100, (scores[index] ?? 0) + raise);
        expect(compositeScore(factors(higher), settings).score).toBeGreaterThanOrEqual(compositeScore(factors(scores), settings).score);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays within 0–100', () => {
    fc.assert(
      fc.property(settingsArb, scoresArb, (settings, scores) => {
        const { score } = compositeScore(factors(scores), settings);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('is the weighted mean when no factor is critical', () => {
    const settings = compileSettings(DEFAULT_RISK_SETTINGS);
    // weights 0.15, 0.2, 0.1, 0.1, 0.15, 0.1, 0.2
    const result = compositeScore(factors([40, 50, 0, 60, 0, 0, 0]), settings);
    expect(result.weighted).toBeCloseTo(0.15 * 40 + 0.2 * 50 + 0.1 * 60);
    expect(result.score).toBe(22);
    expect(result.floor).toBeNull();
  });

  it('keeps one critical factor from being averaged away', () => {
    const settings = compileSettings(DEFAULT_RISK_SETTINGS);
    const threat = compositeScore(factors([0, 0, 0, 0, 0, 0, 95]), settings);
    expect(threat.weighted).toBeCloseTo(19);
    expect(threat.score).toBe(86);
    expect(threat.floor).toEqual({ factor: 'threat_signals', score: 0.9 * 95 });
    // A factor with ratio 0 never sets a floor: a routine delete stays a weighted contribution.
    expect(compositeScore(factors([90, 0, 0, 0, 0, 0, 0]), settings).score).toBe(14);
  });

  it('adds corroboration for each further critical factor', () => {
    const settings = compileSettings(DEFAULT_RISK_SETTINGS);
    const single = compositeScore(factors([0, 99, 0, 0, 0, 0, 0]), settings).score;
    const corroborated = compositeScore(factors([0, 99, 0, 80, 0, 0, 0]), settings).score;
    expect(single).toBe(79);
    expect(corroborated).toBe(89);
  });

  it('scores a private key sent to an external host as never low risk', () => {
    const action = { type: 'http_request', tool: 'http.post', verb: 'POST', target: { url: 'https://upload.files-share.io/in' } };
    const findings = [finding('PRIVATE_KEY', 0.99)];
    for (const environment of ['production', 'staging', 'dev']) {
      const result = assessRisk({ agent: agent({ environment }), action, findings, now: TUESDAY_10_UTC, settings: DEFAULT_RISK_SETTINGS });
      expect(result.score, environment).toBeGreaterThanOrEqual(DEFAULT_RISK_SETTINGS.thresholds.review_at);
      expect(result.outcome, environment).not.toBe('allow');
    }
    const production = assessRisk({ agent: agent(), action, findings, now: TUESDAY_10_UTC, settings: DEFAULT_RISK_SETTINGS });
    expect(production.outcome).toBe('block');
    expect(production.floor?.factor).toBe('payload_sensitivity');
  });
});

describe('thresholds and outcome', () => {
  it('maps scores to outcomes with inclusive thresholds', () => {
    const thresholds = { review_at: 60, block_at: 85 };
    expect(riskOutcome(59, thresholds)).toBe('allow');
    expect(riskOutcome(60, thresholds)).toBe('review');
    expect(riskOutcome(84, thresholds)).toBe('review');
    expect(riskOutcome(85, thresholds)).toBe('block');
  });

  it('applies per-environment overrides, each threshold independently', () => {
    const settings = compileSettings(settingsWith({ thresholds: { by_environment: { production: { review_at: 40 }, dev: { review_at: 80, block_at: 95 } } } }));
    expect(thresholdsFor('production', settings)).toEqual({ review_at: 40, block_at: 85 });
    expect(thresholdsFor('dev', settings)).toEqual({ review_at: 80, block_at: 95 });
    expect(thresholdsFor('staging', settings)).toEqual({ review_at: 60, block_at: 85 });
  });

  it('chooses thresholds by the target environment in assessRisk', () => {
    const settings = settingsWith({ thresholds: { by_environment: { production: { review_at: 20 } } } });
    const action = { type: 'db_write', tool: 'sql.execute', verb: 'delete', target: { system: 'postgres' } };
    const inDev = assessRisk({ agent: agent({ environment: 'dev' }), action, findings: [], now: TUESDAY_10_UTC, settings });
    const inProduction = assessRisk({ agent: agent({ environment: 'dev' }), action: { ...action, target: { system: 'postgres', environment: 'production' } }, findings: [], now: TUESDAY_10_UTC, settings });
    expect(inDev.score).toBeLessThan(20);
    expect(inDev.outcome).toBe('allow');
    expect(inProduction.score).toBeGreaterThanOrEqual(20);
    expect(inProduction.outcome).toBe('review');
    expect(inProduction.thresholds).toEqual({ review_at: 20, block_at: 85 });
  });
});
