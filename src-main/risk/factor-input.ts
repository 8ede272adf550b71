/** What every factor function receives: the decision's inputs plus the facts derived once from them. */
import type { Action, AgentContext } from '../../src-shared/action';
import type { Finding, RiskFactor } from '../../src-shared/decision';
import type { AgentBaseline } from '../baseline/agent-baseline';
import type { SequenceView } from '../baseline/sequence-store';
import type { ActionFacts } from './action-facts';
import type { CompiledRiskSettings } from './compiled-settings';

export interface FactorInput {
  agent: AgentContext;
  action: Action;
  findings: readonly Finding[];
  /** Epoch milliseconds. */
  now: number;
  baseline: AgentBaseline | undefined;
  sequence: SequenceView;
  settings: CompiledRiskSettings;
  facts: ActionFacts;
}

export type FactorFunction = (input: FactorInput) => RiskFactor;

/**
 * Factor scores are whole numbers in 0–100 so explanations, thresholds and audit agree exactly.
 * A score that came out NaN (corrupt input reaching arithmetic) is 100: the model fails closed.
 */
export function factor(score: number, explanation: string): RiskFactor {
  return { score: Number.isNaN(score) ? 100 : Math.round(Math.min(100, Math.max(0, score))), explanation };
}

/** Probabilistic OR of 0–100 scores: grows with each component, never exceeds 100. */
export function noisyOr(a: number, b: number): number {
  return 100 - ((100 - a) * (100 - b)) / 100;
}
