/**
 * The composite score and the risk outcome.
 *
 *   weighted = Σ w_f · s_f / Σ w_f                       (weighted mean of the seven factor scores)
 *   critical = the factors with s_f ≥ critical_at
 *   floor    = max over critical f of r_f · s_f  +  corroboration · (|critical| − 1)
 *              (0 when no critical factor has a positive ratio)
 *   score    = round(min(100, max(weighted, floor)))
 *
 * The floor keeps one critical factor from being averaged away by six quiet ones: a private key
 * (payload_sensitivity ≈ 99, ratio 0.8) scores at least 79 however ordinary the rest looks, and
 * sent to an external production host (environment 80, also critical) at least 89.
 * Both terms are non-decreasing in every factor, so the composite is monotonic.
 */
import { RISK_FACTORS, type RiskAssessment, type RiskFactor, type RiskFactorName } from '../../src-shared/decision';
import type { CompiledRiskSettings } from './compiled-settings';

export interface CompositeScore {
  score: number;
  /** The weighted mean before the floor, unrounded. */
  weighted: number;
  /** The factor that set the floor and the floor's value, when the floor decided the score. */
  floor: { factor: RiskFactorName; score: number } | null;
}

export interface Thresholds {
  review_at: number;
  block_at: number;
}

export function compositeScore(factors: Record<RiskFactorName, RiskFactor>, settings: CompiledRiskSettings): CompositeScore {
  const criticalAt = settings.raw.floor.critical_at;
  let weightedSum = 0;
  let floorScore = 0;
  let floorFactor: RiskFactorName | undefined;
  let critical = 0;
  for (let i = 0; i < RISK_FACTORS.length; i++) {
    const name = RISK_FACTORS[i] as RiskFactorName;
    const score = factors[name].score;
    weightedSum += (settings.weights[i] ?? 0) * score;
    if (score >= criticalAt) {
      critical += 1;
      const lifted = (settings.floorRatios[i] ?? 0) * score;
      if (lifted > floorScore) {
        floorScore = lifted;
        floorFactor = name;
      }
    }
  }
  if (floorFactor !== undefined) floorScore += settings.raw.floor.corroboration * (critical - 1);
  const weighted = weightedSum / settings.weightSum;
  const floorDecides = floorFactor !== undefined && floorScore > weighted;
  return {
    score: Math.round(Math.min(100, Math.max(weighted, floorScore))),
    weighted,
    floor: floorDecides && floorFactor !== undefined ? { factor: floorFactor, score: floorScore } : null,
  };
}

/** Global thresholds with the environment's overrides applied. */
export function thresholdsFor(environment: string, settings: CompiledRiskSettings): Thresholds {
  const { review_at, block_at, by_environment } = settings.raw.thresholds;
  const override = by_environment[environment];
  return { review_at: override?.review_at ?? review_at, block_at: override?.block_at ?? block_at };
}

export function riskOutcome(score: number, thresholds: Thresholds): RiskAssessment['outcome'] {
  if (score >= thresholds.block_at) return 'block';
  if (score >= thresholds.review_at) return 'review';
  return 'allow';
}
