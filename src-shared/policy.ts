/**
 * Policy-decision types shared by the engine, the operator API and the console.
 * A module's rules yield objects `{"rule": id, "reason": text, ...}` in the sets deny/review/allow.
 */
import type { Verdict } from './decision';

/** Who a policy module applies to, from least to most specific. */
export type PolicyScope = 'org' | 'org_unit' | 'role' | 'agent';

export type RuleEffect = 'deny' | 'review' | 'allow';

/** How a module takes part in the combination (DESIGN.md §3 step 6). */
export interface PolicyModuleMeta {
  id: string;
  /** Rego package the module's decisions live in, e.g. `portcullis.finance`. */
  package: string;
  scope: PolicyScope;
  /** Higher runs first. */
  priority: number;
  /** Org rules nobody may override: their deny and review always count. */
  guardrail: boolean;
  /** Evaluated and recorded, never decides. */
  shadow: boolean;
}

/** One element of a deny/review/allow set, as the policy wrote it. */
export interface RuleResult {
  rule: string;
  reason: string;
  /** An allow that may lower a risk-based review (never a risk block, never a guardrail). */
  override_risk?: boolean;
  /** Reviews: number of distinct approvers required. */
  quorum?: number;
  /** Any other fields the policy added. */
  [extra: string]: unknown;
}

export interface PolicyEvalError {
  code: string;
  message: string;
}

/** The engine's output for one module and one input. */
export interface ModuleEvaluation {
  module: PolicyModuleMeta;
  deny: RuleResult[];
  review: RuleResult[];
  allow: RuleResult[];
  /** Set when evaluation failed (budget, runtime error): the combiner fails closed. */
  error?: PolicyEvalError;
}

export interface RuleMatch {
  module: string;
  scope: PolicyScope;
  effect: RuleEffect;
  rule: string;
  reason: string;
  guardrail: boolean;
  shadow: boolean;
  overrideRisk: boolean;
  quorum?: number;
  /** This match is the one that decided the final verdict. */
  decided: boolean;
}

export type DecisionSource = 'guardrail' | 'policy' | 'risk' | 'override' | 'error' | 'default';

export interface PolicyDecision {
  verdict: Verdict;
  /** Outcome of the policies alone (guardrails and the deciding module). */
  policyOutcome: Verdict;
  riskOutcome: Verdict;
  /** What made the final verdict. */
  source: DecisionSource;
  /** Module that decided the policy outcome among non-guardrail modules, if any. */
  decidingModule: string | null;
  /** Human-readable reason for the final verdict. */
  reason: string;
  /** Largest quorum asked by a review that counts toward the verdict. */
  quorum: number;
  matches: RuleMatch[];
  errors: { module: string; shadow: boolean; error: PolicyEvalError }[];
}
