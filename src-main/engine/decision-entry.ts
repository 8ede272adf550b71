import type { Action, AgentContext } from '../../src-shared/action';
import type { DecisionStatus, EvaluateResponse } from '../../src-shared/agent-api';
import type { Finding, Verdict } from '../../src-shared/decision';
import type { PolicyDecision } from '../../src-shared/policy';
import type { DetailedRiskAssessment } from '../risk';

/**
 * The body of a `decision` audit entry. It is the record of truth for a decision: the
 * agent's answer is rebuilt from it (responseFromEntry), so the answer an agent reads back
 * later can never disagree with what the log holds.
 */
export interface DecisionEntryBody {
  decision_id: string;
  agent: { id: string; name: string; role: string; org_unit: string; environment: string };
  session_id: string | null;
  action: { type: string; tool: string | null; verb: string | null; target: NonNullable<Action['target']> | null };
  verdict: Verdict;
  source: PolicyDecision['source'];
  deciding_module: string | null;
  quorum: number;
  risk: EvaluateResponse['risk'] & Pick<DetailedRiskAssessment, 'outcome' | 'weighted' | 'floor' | 'thresholds'>;
  matched_rules: EvaluateResponse['matched_rules'];
  reasons: string[];
  findings: (Omit<Finding, 'path'> & { path: string | null })[];
  policies: { modules: string[]; data_version: number };
}

export interface DecisionEntryParts {
  response: EvaluateResponse;
  agent: AgentContext;
  sessionId: string | undefined;
  action: Action;
  decision: PolicyDecision;
  risk: DetailedRiskAssessment;
  policies: DecisionEntryBody['policies'];
}

export function decisionEntryBody(parts: DecisionEntryParts): DecisionEntryBody {
  const { response, agent, action, decision, risk } = parts;
  return {
    decision_id: response.decision_id,
    agent: { id: agent.id, name: agent.name, role: agent.role, org_unit: agent.org_unit, environment: agent.environment },
    session_id: parts.sessionId ?? null,
    action: { type: action.type, tool: action.tool ?? null, verb: action.verb ?? null, target: action.target ?? null },
    verdict: response.decision,
    source: decision.source,
    deciding_module: decision.decidingModule,
    quorum: decision.quorum,
    risk: { ...response.risk, outcome: risk.outcome, weighted: risk.weighted, floor: risk.floor, thresholds: risk.thresholds },
    matched_rules: response.matched_rules,
    reasons: response.reasons,
    findings: response.findings.map(({ type, start, end, confidence, path }) => ({ type, start, end, confidence, path: path ?? null })),
    policies: parts.policies,
  };
}

/** The answer as the agent received it, with the verdict and status a review has since reached. */
export function responseFromEntry(body: DecisionEntryBody, state: { decision: Verdict; status: DecisionStatus }): EvaluateResponse {
  const { score, factors, explanations } = body.risk;
  return {
    decision_id: body.decision_id,
    decision: state.decision,
    status: state.status,
    risk: { score, factors, explanations },
    matched_rules: body.matched_rules,
    reasons: body.reasons,
    findings: body.findings.map(({ type, start, end, confidence, path }) => ({ type, start, end, confidence, ...(path === null ? {} : { path }) })),
  };
}
