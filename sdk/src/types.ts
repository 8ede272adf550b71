/**
 * The agent endpoint's wire contract, mirrored so the SDK is published without the app.
 * The app's source of truth is `src-shared/agent-api.ts` and `src-shared/action.ts`; a type-level
 * test (`test/sdk/wire-types.test.ts`) fails the build when the two drift apart.
 */

/** Where an action lands. The engine derives what it can and never trusts `external: false`. */
export interface ActionTarget {
  /** Logical system, e.g. `postgres`, `github`, `s3`, `smtp`. */
  system?: string;
  /** What inside the system: a table, a repository, a bucket key, a file path. */
  resource?: string;
  url?: string;
  /** Host name or IP literal. */
  host?: string;
  /** `production`, `staging`, `dev`…; defaults to the agent's. */
  environment?: string;
  /** The agent's own claim that the destination is outside the organisation. */
  external?: boolean;
}

export type KnownActionType = 'tool_call' | 'http_request' | 'db_query' | 'db_write' | 'shell' | 'email' | 'file';

/** What an agent proposes to do. */
export interface Action {
  type: KnownActionType | (string & {});
  /** Tool name as the agent framework calls it, e.g. `sql.execute`, `send_email`. */
  tool?: string;
  /** `read`, `write`, `delete`, `grant`, an HTTP method, a SQL verb… */
  verb?: string;
  target?: ActionTarget;
  /** Arguments or body as the agent sends them; this is what gets classified. */
  payload?: unknown;
}

export interface EvaluateRequest {
  action: Action;
  session_id?: string;
  /** Hold a `review` open for up to this long (the SDK long-polls instead; see `Portcullis`). */
  wait_ms?: number;
}

/** The service's answer: the policy and risk outcome. */
export type Decision = 'allow' | 'block' | 'review';

/** Where a decision stands: decided at once, or waiting for / resolved by a human. */
export type DecisionStatus = 'decided' | 'pending' | 'approved' | 'rejected' | 'expired';

export type RiskFactorName =
  | 'action_severity'
  | 'payload_sensitivity'
  | 'temporal_deviation'
  | 'environment'
  | 'behavioral_deviation'
  | 'sequence_correlation'
  | 'threat_signals';

/** One classifier hit; offsets are UTF-16 code units into the scanned text. */
export interface Finding {
  type: string;
  start: number;
  end: number;
  confidence: number;
  path?: string;
}

/** One rule that matched, in decision order. */
export interface MatchedRule {
  module: string;
  scope: 'org' | 'org_unit' | 'role' | 'agent';
  effect: 'deny' | 'review' | 'allow';
  rule: string;
  reason: string;
  /** From an org rule nobody may override. */
  guardrail: boolean;
  /** Evaluated in shadow mode: recorded, never deciding. */
  shadow: boolean;
  /** An allow that may lower a risk-based review. */
  overrideRisk: boolean;
  /** Reviews: number of distinct approvers required. */
  quorum?: number;
  /** This match is the one that decided the final verdict. */
  decided: boolean;
}

export interface EvaluateResponse {
  decision_id: string;
  decision: Decision;
  status: DecisionStatus;
  risk: {
    score: number;
    factors: Record<RiskFactorName, number>;
    explanations: Record<RiskFactorName, string>;
  };
  /** Every rule that matched, in decision order; `decided` marks the one that made the verdict. */
  matched_rules: MatchedRule[];
  reasons: string[];
  findings: Finding[];
}

export type Outcome = 'executed' | 'failed' | 'abandoned';

export interface OutcomeRequest {
  outcome: Outcome;
  detail?: string;
}
