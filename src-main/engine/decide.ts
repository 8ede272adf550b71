import type { AgentContext } from '../../src-shared/action';
import type { EvaluateRequest, EvaluateResponse, OutcomeRequest } from '../../src-shared/agent-api';
import { RISK_FACTORS, type Finding, type RiskFactorName, type Verdict } from '../../src-shared/decision';
import type { PolicyDecision } from '../../src-shared/policy';
import type { AppendRequest, AuditLog } from '../audit/audit-log';
import type { BaselineStore } from '../baseline/baseline-store';
import type { SequenceStore } from '../baseline/sequence-store';
import { classify, summarize } from '../classify';
import type { ReviewQueue } from '../hitl/review-queue';
import type { PolicyLibrary } from '../policies/library';
import { combine } from '../policy/combine';
import { assessRisk, recordOutcome, type DetailedRiskAssessment } from '../risk';
import type { RiskSettings } from '../risk/settings';
import type { DecisionRepository } from '../store/decision-repository';
import { decisionEntryBody } from './decision-entry';
import { newDecisionId } from './decision-id';
import { buildPolicyInput } from './policy-input';

export interface DeciderDeps {
  audit: AuditLog;
  /** Appends a decision's entry; resolves once it is committed (see GroupCommitter). */
  commit: (append: AppendRequest) => Promise<number>;
  decisions: DecisionRepository;
  reviews: ReviewQueue;
  policies: PolicyLibrary;
  riskSettings: () => Readonly<RiskSettings>;
  baselines: BaselineStore;
  sequences: SequenceStore;
  /** How long a review waits for a human before it expires to block. */
  reviewTtlMs: number;
  observe: (verdict: Verdict, seconds: number) => void;
  log: (line: string) => void;
  clock?: () => number;
}

const riskView = (risk: DetailedRiskAssessment): EvaluateResponse['risk'] => {
  const factors = {} as Record<RiskFactorName, number>;
  const explanations = {} as Record<RiskFactorName, string>;
  for (const name of RISK_FACTORS) {
    factors[name] = risk.factors[name].score;
    explanations[name] = risk.factors[name].explanation;
  }
  return { score: risk.score, factors, explanations };
};

/** Classification or policy evaluation failed: block, saying why (fail closed). */
const failedPolicy = (risk: DetailedRiskAssessment, message: string): PolicyDecision => ({
  verdict: 'block',
  policyOutcome: 'block',
  riskOutcome: risk.outcome,
  source: 'error',
  decidingModule: null,
  reason: `blocked because the decision could not be completed: ${message}`,
  quorum: 0,
  matches: [],
  errors: [],
});

function reasonsOf(decision: PolicyDecision): string[] {
  const reasons = [decision.reason];
  for (const { module, shadow, error } of decision.errors) {
    if (!shadow) reasons.push(`policy ${module} failed (${error.code}): ${error.message}`);
  }
  return reasons;
}

/**
 * decide(): classify → context → risk → policies → combine → audit append → answer.
 * The audit entry (with the payload in the erasable side table) and the decision's index row
 * commit together before the answer exists; if that fails the answer is block with the cause.
 * Decisions made in the same event-loop turn share one commit (deps.commit).
 */
export function createDecider(deps: DeciderDeps) {
  const clock = deps.clock ?? Date.now;

  /** Everything up to the audit append: synchronous, so nothing interleaves with one decision. */
  function decideNow(agent: AgentContext, request: EvaluateRequest): { response: EvaluateResponse; append: AppendRequest } {
    const now = clock();
    const id = newDecisionId();
    const { action } = request;
    const settings = deps.riskSettings();
    let findings: Finding[] = [];
    let classifyError: string | undefined;
    try {
      findings = classify(action.payload);
    } catch (error) {
      classifyError = error instanceof Error ? error.message : String(error);
      deps.log(`classifier failed on decision ${id}: ${classifyError}`);
    }
    const sequence = deps.sequences.view(agent.id, request.session_id);
    const risk = assessRisk({ agent, action, findings, now, baseline: deps.baselines.get(agent.id), sequence, settings });
    const active = deps.policies.active();
    let decision: PolicyDecision;
    try {
      // An unclassifiable payload is not a clean one: block it rather than guess.
      if (classifyError !== undefined) throw new Error(`the payload could not be classified (${classifyError})`);
      const input = buildPolicyInput({ agent, action, sessionId: request.session_id, now, facts: risk.facts, classification: summarize(findings), risk, sequence });
      decision = combine(active.evaluate(agent, input), risk.outcome);
    } catch (error) {
      decision = failedPolicy(risk, error instanceof Error ? error.message : String(error));
    }
    const response: EvaluateResponse = {
      decision_id: id,
      decision: decision.verdict,
      status: decision.verdict === 'review' ? 'pending' : 'decided',
      risk: riskView(risk),
      matched_rules: decision.matches,
      reasons: reasonsOf(decision),
      findings,
    };
    const body = decisionEntryBody({
      response,
      agent,
      sessionId: request.session_id,
      action,
      decision,
      risk,
      policies: { modules: active.versions.map((v) => `${v.id}@${v.version}`), data_version: active.dataVersion },
    });
    // Recorded now, not after the commit: decisions committed together must still see each
    // other, or a burst sent in parallel would escape the sequence and rate factors.
    recordOutcome({ agent, action, sessionId: request.session_id, assessment: risk, facts: risk.facts, verdict: decision.verdict, now, settings, baselines: deps.baselines, sequence: deps.sequences });
    const expiresAt = response.status === 'pending' ? now + deps.reviewTtlMs : undefined;
    const record = { id, agentId: agent.id, createdAt: now, verdict: response.decision, status: response.status, ...(expiresAt === undefined ? {} : { expiresAt }) };
    return {
      response,
      append: {
        kind: 'decision',
        body: { ...body },
        apply: (seq) => deps.decisions.insert({ ...record, seq }),
        ...(action.payload === undefined ? {} : { content: JSON.stringify(action.payload) }),
      },
    };
  }

  /** The answer exists only once its entry is committed; a failed append answers block. */
  async function commit(response: EvaluateResponse, append: AppendRequest): Promise<EvaluateResponse> {
    try {
      await deps.commit(append);
      return response;
    } catch (error) {
      deps.log(`audit append failed for decision ${response.decision_id}: ${String(error)}`);
      return { ...response, decision: 'block', status: 'decided', reasons: ['the audit log could not record this decision, so it is blocked', ...response.reasons] };
    }
  }

  return {
    async evaluate(agent: AgentContext, request: EvaluateRequest): Promise<EvaluateResponse> {
      const started = performance.now();
      const decided = decideNow(agent, request);
      const response = await commit(decided.response, decided.append);
      deps.observe(response.decision, (performance.now() - started) / 1000);
      if (response.status !== 'pending' || !request.wait_ms) return response;
      return (await deps.reviews.waitFor(response.decision_id, request.wait_ms))?.response ?? response;
    },

    async decision(agent: AgentContext, id: string, waitMs: number): Promise<EvaluateResponse | undefined> {
      const record = deps.decisions.get(id);
      if (!record || record.agentId !== agent.id) return undefined;
      if (record.status !== 'pending' || waitMs <= 0) return record.response;
      return (await deps.reviews.waitFor(id, waitMs))?.response;
    },

    recordOutcome(agent: AgentContext, id: string, outcome: OutcomeRequest): boolean {
      const record = deps.decisions.get(id);
      if (!record || record.agentId !== agent.id) return false;
      deps.audit.append('decision_outcome', { decision_id: id, agent_id: agent.id, outcome: outcome.outcome, detail: outcome.detail ?? null });
      return true;
    },

    queryData(_agent: AgentContext, path: string[], input: unknown) {
      return deps.policies.active().query(path, input);
    },
  };
}

export type Decider = ReturnType<typeof createDecider>;
