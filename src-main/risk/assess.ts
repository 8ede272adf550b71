/**
 * The risk step of the decision pipeline: seven factor scores, the composite and the outcome.
 * Pure: everything it reads arrives in the input; state changes happen in recordOutcome.
 */
import type { Action, AgentContext } from '../../src-shared/action';
import type { Finding, RiskAssessment, RiskFactor, RiskFactorName } from '../../src-shared/decision';
import type { AgentBaseline } from '../baseline/agent-baseline';
import type { SequenceView } from '../baseline/sequence-store';
import { describeAction, type ActionFacts } from './action-facts';
import { compileSettings } from './compiled-settings';
import { compositeScore, riskOutcome, thresholdsFor, type CompositeScore, type Thresholds } from './composite';
import type { FactorInput } from './factor-input';
import { actionSeverity } from './factors/action-severity';
import { behavioralDeviation } from './factors/behavioral-deviation';
import { environment } from './factors/environment';
import { payloadSensitivity } from './factors/payload-sensitivity';
import { sequenceCorrelation } from './factors/sequence-correlation';
import { temporalDeviation } from './factors/temporal-deviation';
import { threatSignals } from './factors/threat-signals';
import type { RiskSettings } from './settings';

export interface RiskInput {
  agent: AgentContext;
  action: Action;
  findings: readonly Finding[];
  /** Epoch milliseconds of the decision. */
  now: number;
  /** The agent's baseline (BaselineStore.get); absent means no history, i.e. learning. */
  baseline?: AgentBaseline;
  /** Recent actions (SequenceStore.view); absent means none. */
  sequence?: SequenceView;
  settings: Readonly<RiskSettings>;
}

/** A RiskAssessment plus how the composite came about, for the audit record and the approver. */
export interface DetailedRiskAssessment extends RiskAssessment {
  weighted: CompositeScore['weighted'];
  floor: CompositeScore['floor'];
  thresholds: Thresholds;
  /** The environment the thresholds were chosen for. */
  environment: string;
  /** What the assessment derived about the action; the pipeline and recordOutcome reuse it. */
  facts: ActionFacts;
}

const NO_SEQUENCE: SequenceView = Object.freeze({ agent: undefined, session: undefined });

export function assessRisk(input: RiskInput): DetailedRiskAssessment {
  const settings = compileSettings(input.settings);
  const facts = describeAction(input.agent, input.action, settings);
  const factorInput: FactorInput = {
    agent: input.agent,
    action: input.action,
    findings: input.findings,
    now: input.now,
    baseline: input.baseline,
    sequence: input.sequence ?? NO_SEQUENCE,
    settings,
    facts,
  };
  const factors: Record<RiskFactorName, RiskFactor> = {
    action_severity: actionSeverity(factorInput),
    payload_sensitivity: payloadSensitivity(factorInput),
    temporal_deviation: temporalDeviation(factorInput),
    environment: environment(factorInput),
    behavioral_deviation: behavioralDeviation(factorInput),
    sequence_correlation: sequenceCorrelation(factorInput),
    threat_signals: threatSignals(factorInput),
  };
  const composite = compositeScore(factors, settings);
  const thresholds = thresholdsFor(facts.environment, settings);
  return {
    score: composite.score,
    factors,
    outcome: riskOutcome(composite.score, thresholds),
    weighted: composite.weighted,
    floor: composite.floor,
    thresholds,
    environment: facts.environment,
    facts,
  };
}
