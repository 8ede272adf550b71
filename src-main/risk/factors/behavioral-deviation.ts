import type { RiskFactor } from '../../../src-shared/decision';
import { isLearning } from '../../baseline/agent-baseline';
import type { BoundedCounter } from '../../baseline/bounded-counter';
import { factor, noisyOr, type FactorInput } from '../factor-input';

/** Score for one key against its counter: full novelty score when never seen, less when merely rare. */
function keyScore(counter: BoundedCounter, key: string, novelScore: number, rareShare: number, rareScore: number): number {
  if (key === '') return 0;
  const count = counter.get(key);
  if (count === 0) return novelScore;
  const share = counter.total === 0 ? 0 : count / counter.total;
  return share < rareShare ? rareScore * (1 - share / rareShare) : 0;
}

function describeKey(score: number, count: number, what: string, key: string): string | undefined {
  if (score === 0) return undefined;
  return count === 0 ? `new ${what} '${key}'` : `rare ${what} '${key}'`;
}

/**
 * Departure from the agent's own history: a tool, verb or target it has never (or rarely) used,
 * and an action rate far above its usual pace. Silent while the baseline is learning.
 */
export function behavioralDeviation({ baseline, facts, action, now, settings }: FactorInput): RiskFactor {
  const params = settings.raw.baseline;
  if (baseline === undefined || isLearning(baseline, { minObservations: params.min_observations, minSpanHours: params.min_span_hours })) {
    const seen = baseline?.observations ?? 0;
    const spanHours = baseline?.firstSeen === undefined || baseline.lastSeen === undefined ? 0 : (baseline.lastSeen - baseline.firstSeen) / 3_600_000;
    return factor(0, `baseline learning (${seen}/${params.min_observations} actions, ${spanHours.toFixed(1)}/${params.min_span_hours} h); no behavioral signal`);
  }
  const b = settings.raw.behavioral;
  const toolScore = keyScore(baseline.tools, facts.tool, b.novel_tool, b.rare_share, b.rare_score);
  const verbScore = keyScore(baseline.verbs, facts.verb, b.novel_verb, b.rare_share, b.rare_score);
  const targetScore = keyScore(baseline.targets, facts.targetKey, b.novel_target, b.rare_share, b.rare_score);

  const rate = baseline.rateAt(now, params.rate_half_life_seconds);
  const ratio = baseline.typicalRate > 0 ? rate / baseline.typicalRate : 1;
  const spikeScore = ratio <= b.spike_ratio ? 0 : b.spike_score * Math.min(1, (ratio - b.spike_ratio) / (b.spike_full_ratio - b.spike_ratio));

  const score = noisyOr(noisyOr(toolScore, verbScore), noisyOr(targetScore, spikeScore));
  if (score === 0) return factor(0, `consistent with baseline (${baseline.observations} actions)`);
  const reasons = [
    describeKey(toolScore, baseline.tools.get(facts.tool), 'tool', facts.tool),
    describeKey(verbScore, baseline.verbs.get(facts.verb), 'verb', action.verb ?? ''),
    describeKey(targetScore, baseline.targets.get(facts.targetKey), 'target', facts.targetKey),
    spikeScore > 0 ? `rate ${ratio.toFixed(1)}× typical` : undefined,
  ].filter((reason) => reason !== undefined);
  return factor(score, `${reasons.join('; ')} (baseline of ${baseline.observations} actions)`);
}
