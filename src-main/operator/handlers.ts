import { OperatorApiError, type OperatorApi } from '../../src-shared/operator-api';
import { AgentRegistryError } from '../agents/registry';
import { reviewContext } from '../hitl/review-context';
import { ReviewError } from '../hitl/review-queue';
import { buildExport } from '../audit/export';
import { emptyWalAfterErasure, erasePayload, PayloadErasureError } from '../audit/payload-erasure';
import { serializeExport } from '../audit/export-format';
import { exitCode, formatReport } from '../audit/report';
import { verifyDataDir } from '../audit/verify-store';
import { PolicyLibraryError } from '../policies/library';
import { RiskSettingsError } from '../risk/settings';
import { AuditReader } from '../store/audit-reader';
import type { DecisionRecord } from '../store/decision-repository';
import type { Engine } from '../engine/engine';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../config/product';

/** Until operator accounts exist, every operator action is recorded under this actor. */
const OPERATOR = 'operator';

/** Registry refusals are the caller's input problem: carried as their own error codes. */
function asApiError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (
      error instanceof AgentRegistryError ||
      error instanceof ReviewError ||
      error instanceof PolicyLibraryError ||
      error instanceof PayloadErasureError
    ) {
      throw new OperatorApiError(error.code, error.message);
    }
    if (error instanceof RiskSettingsError) throw new OperatorApiError('invalid_settings', error.message);
    throw error;
  }
}

/** The operator API's business logic, written once; IPC and HTTP only carry it. */
export function createOperatorHandlers(engine: Engine, now: () => number = Date.now): OperatorApi {
  const reader = new AuditReader(engine.store.db);
  const decisionView = (r: DecisionRecord) => ({
    decisionId: r.id,
    agentId: r.agentId,
    createdAt: r.createdAt,
    ...(r.expiresAt === undefined ? {} : { expiresAt: r.expiresAt }),
    status: r.status,
    decision: r.response as unknown as { decision_id: string; decision: string; status: string },
    ...reviewContext(reader, r),
  });
  return {
    getInfo: async () => {
      const checks = engine.checks();
      return {
        name: PRODUCT_NAME,
        version: PRODUCT_VERSION,
        dataDir: engine.dataDir,
        startedAt: engine.startedAt.toISOString(),
        uptimeMs: Math.max(0, now() - engine.startedAt.getTime()),
        engine: { status: checks.every((c) => c.ok) ? 'ready' : 'degraded', checks },
      };
    },
    listAgents: async ({ includeRevoked }) =>
      engine.agents.list().filter((agent) => includeRevoked || agent.revokedAt === undefined),
    addAgent: async (fields) => asApiError(() => engine.agents.add(fields, OPERATOR)),
    revokeAgent: async (idOrName, reason) => asApiError(() => engine.agents.revoke(idOrName, OPERATOR, reason)),
    listDecisions: async ({ limit, verdict }) => engine.decisions.recent(limit, verdict).map(decisionView),
    listPendingReviews: async () => engine.reviews.pending().map(decisionView),
    resolveReview: async ({ decisionId, verdict, reason }) =>
      decisionView(asApiError(() => engine.reviews.resolve(decisionId, verdict, OPERATOR, reason))),
    erasePayload: async ({ decisionId, reason }) => {
      const erased = asApiError(() => erasePayload(engine, decisionId, reason, OPERATOR));
      await emptyWalAfterErasure(engine.store);
      return { decision: decisionView(erased.record), erasureSeq: erased.seq, contentDigest: erased.digest };
    },
    listPolicies: async () => {
      const active = engine.policies.active();
      return { modules: [...active.versions], dataVersion: active.dataVersion };
    },
    policyHistory: async (id) => engine.policies.history(id),
    publishPolicy: async (draft) => asApiError(() => engine.policies.publish(draft, OPERATOR)),
    retirePolicy: async (id) => asApiError(() => engine.policies.retire(id, OPERATOR)),
    verifyAudit: async () => {
      // Everything appended so far is anchored by a fresh checkpoint before it is checked.
      engine.audit.checkpoint();
      const report = verifyDataDir({ dataDir: engine.dataDir });
      return { ok: exitCode(report) === 0, lines: formatReport(report), entries: report.entries, erased: report.erased };
    },
    exportAudit: async ({ format }) => ({
      filename: `portcullis-audit-${new Date(now()).toISOString().slice(0, 10)}.${format}`,
      text: serializeExport(buildExport(engine.dataDir), format),
    }),
    getRiskSettings: async () => ({ ...engine.riskSettings.current() }),
    updateRiskSettings: async (patch) => ({ ...asApiError(() => engine.riskSettings.update(patch, OPERATOR)) }),
  };
}
