/** Shared builders for the risk and baseline tests. */
import type { Action, AgentContext } from '../../src-shared/action';
import type { Finding, FindingType, Verdict } from '../../src-shared/decision';
import { AgentBaseline } from '../../src-main/baseline/agent-baseline';
import { BaselineStore } from '../../src-main/baseline/baseline-store';
import { InMemoryBaselineRepository } from '../../src-main/baseline/repository';
import { SequenceStore, type SequenceView } from '../../src-main/baseline/sequence-store';
import { assessRisk, type DetailedRiskAssessment } from '../../src-main/risk/assess';
import { recordOutcome } from '../../src-main/risk/record-outcome';
import { describeAction } from '../../src-main/risk/action-facts';
import { compileSettings } from '../../src-main/risk/compiled-settings';
import type { FactorInput } from '../../src-main/risk/factor-input';
import { applyMergePatch } from '../../src-main/risk/settings-diff';
import { DEFAULT_RISK_SETTINGS, parseRiskSettings, type RiskSettings } from '../../src-main/risk/settings';

export function agent(overrides: Partial<AgentContext> = {}): AgentContext {
  return { id: 'agent-1', name: 'support-bot', role: 'support', org_unit: 'emea', environment: 'production', tags: [], ...overrides };
}

export function finding(type: FindingType, confidence = 0.95): Finding {
  return { type, start: 0, end: 10, confidence };
}

/** Default settings with a JSON merge patch applied, validated like the service does. */
export function settingsWith(patch: unknown): Readonly<RiskSettings> {
  return parseRiskSettings(applyMergePatch(DEFAULT_RISK_SETTINGS, patch));
}

/** 2026-11-24 (a Tuesday) 10:00 UTC. */
export const TUESDAY_10_UTC = Date.parse('2026-11-24T10:00:00Z');

export interface InputParts {
  agent?: AgentContext;
  action: Action;
  findings?: Finding[];
  now?: number;
  baseline?: AgentBaseline;
  sequence?: SequenceView;
  settings?: Readonly<RiskSettings>;
}

/** A FactorInput for calling one factor function directly. */
export function factorInput(parts: InputParts): FactorInput {
  const settings = compileSettings(parts.settings ?? DEFAULT_RISK_SETTINGS);
  const a = parts.agent ?? agent();
  return {
    agent: a,
    action: parts.action,
    findings: parts.findings ?? [],
    now: parts.now ?? TUESDAY_10_UTC,
    baseline: parts.baseline,
    sequence: parts.sequence ?? { agent: undefined, session: undefined },
    settings,
    facts: describeAction(a, parts.action, settings),
  };
}


/** Deterministic PRNG so synthetic traffic is the same on every run. */
export { seededRandom } from '../../src-main/bench/random';

export const BASELINE_PARAMS = { maxKeys: 256, rateHalfLifeSeconds: 60, typicalRateAlpha: 0.01 };

/**
 * A baseline past learning: `days` days of one action every 10 minutes between 09:00 and 17:00 UTC,
 * cycling through the given tools, all with verb `read` against `crm.internal`.
 */
export function warmBaseline(tools: string[] = ['crm.lookup', 'kb.search'], days = 3, start = Date.parse('2026-11-16T00:00:00Z')): AgentBaseline {
  const baseline = AgentBaseline.empty(256);
  let i = 0;
  for (let day = 0; day < days; day++) {
    for (let minute = 9 * 60; minute < 17 * 60; minute += 10) {
      const at = start + day * 86_400_000 + minute * 60_000;
      baseline.observe({ tool: tools[i++ % tools.length] ?? '', verb: 'read', target: 'crm.internal', type: 'tool_call', hour: Math.floor(minute / 60), at }, BASELINE_PARAMS);
    }
  }
  return baseline;
}

export interface Step {
  at: number;
  session?: string;
  findings?: Finding[];
  /** Forces the recorded verdict; by default the risk outcome is recorded. */
  verdict?: Verdict;
}

/**
 * Runs actions through the pipeline's risk half as the engine will: assess with the current
 * baseline and sequence state, then record the outcome.
 */
export function pipeline(options: { agent?: AgentContext; settings?: Readonly<RiskSettings>; sequence?: SequenceStore } = {}) {
  const a = options.agent ?? agent();
  const settings = options.settings ?? DEFAULT_RISK_SETTINGS;
  const baselines = new BaselineStore(new InMemoryBaselineRepository());
  const sequence = options.sequence ?? new SequenceStore();
  return {
    baselines,
    sequence,
    act(action: Action, step: Step): DetailedRiskAssessment {
      const assessment = assessRisk({
        agent: a,
        action,
        findings: step.findings ?? [],
        now: step.at,
        baseline: baselines.get(a.id),
        sequence: sequence.view(a.id, step.session),
        settings,
      });
      recordOutcome({ agent: a, action, sessionId: step.session, assessment, verdict: step.verdict ?? assessment.outcome, now: step.at, settings, baselines, sequence });
      return assessment;
    },
  };
}
