/**
 * After a decision: teach the agent's baseline and append the action to its sequence state.
 * Every action enters the sequence state with its verdict (so repeated blocked attempts show);
 * only allowed actions teach the baseline, so an agent cannot make a forbidden behaviour look
 * normal by retrying it.
 */
import type { Action, AgentContext } from '../../src-shared/action';
import type { RiskAssessment, Verdict } from '../../src-shared/decision';
import type { BaselineStore } from '../baseline/baseline-store';
import { EventFlag } from '../baseline/event-ring';
import type { SequenceStore } from '../baseline/sequence-store';
import { describeAction, type ActionFacts } from './action-facts';
import { compileSettings } from './compiled-settings';
import type { RiskSettings } from './settings';
import { localHour } from './zoned-time';

export interface OutcomeInput {
  agent: AgentContext;
  action: Action;
  sessionId?: string;
  /** The assessment made for this action (its payload_sensitivity marks sensitive reads). */
  assessment: RiskAssessment;
  /** The facts assessRisk derived, when the caller has them: saves deriving them again. */
  facts?: ActionFacts;
  /** The final decision of the pipeline. */
  verdict: Verdict;
  /** Epoch milliseconds of the decision. */
  now: number;
  settings: Readonly<RiskSettings>;
  baselines: BaselineStore;
  sequence: SequenceStore;
}

function flagsFor(facts: ActionFacts, input: OutcomeInput): number {
  let flags = 0;
  if (facts.severityClass === 'delete') flags |= EventFlag.DELETE;
  const sensitive = input.assessment.factors.payload_sensitivity.score >= input.settings.sequence.sensitive_read_min_score || facts.sensitiveResource;
  if (facts.severityClass === 'read' && sensitive) flags |= EventFlag.SENSITIVE_READ;
  if (input.verdict === 'block') flags |= EventFlag.BLOCKED;
  return flags;
}

export function recordOutcome(input: OutcomeInput): void {
  const facts = input.facts ?? describeAction(input.agent, input.action, compileSettings(input.settings));
  input.sequence.record(input.agent.id, input.sessionId, input.now, flagsFor(facts, input), facts.tool, facts.targetKey);
  if (input.verdict !== 'allow') return;
  const b = input.settings.baseline;
  input.baselines.observe(
    input.agent.id,
    { tool: facts.tool, verb: facts.verb, target: facts.targetKey, type: input.action.type, hour: localHour(facts.timeZone, input.now), at: input.now },
    { maxKeys: b.max_keys, rateHalfLifeSeconds: b.rate_half_life_seconds, typicalRateAlpha: b.typical_rate_alpha },
  );
}
