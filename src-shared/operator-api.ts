import { z } from 'zod';
import { AgentSummarySchema, NewAgentSchema } from './agents';
import { PolicyDraftSchema, PolicyVersionSchema } from './policies';
import type { OperatorMethod } from './operator-methods';

/** Longest erasure reason an operator may give (trimmed; `portcullis erase` applies the same rule). */
export const ERASURE_REASON_MAX = 500;

/**
 * The operator API: one typed contract, implemented once in src-main and carried by two thin
 * transports (Electron IPC and HTTP under /operator/). Arguments and results are zod schemas so
 * both transports validate what crosses them with the same rules.
 */

export const EngineCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});

export const InfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  startedAt: z.string(),
  uptimeMs: z.number().nonnegative(),
  engine: z.object({
    status: z.enum(['ready', 'degraded']),
    checks: z.array(EngineCheckSchema),
  }),
});

export type Info = z.infer<typeof InfoSchema>;

/** A decision as operators see it: the approval queue, the decisions list. */
export const DecisionViewSchema = z.object({
  decisionId: z.string(),
  agentId: z.string(),
  createdAt: z.number(),
  expiresAt: z.number().optional(),
  status: z.enum(['decided', 'pending', 'approved', 'rejected', 'expired']),
  /** The decision as the agent received it: risk breakdown, matched rules, findings. */
  decision: z.looseObject({ decision_id: z.string(), decision: z.string(), status: z.string() }),
  agent: z.object({ id: z.string(), name: z.string(), role: z.string(), org_unit: z.string(), environment: z.string() }).optional(),
  action: z
    .object({ type: z.string(), tool: z.string().nullable(), verb: z.string().nullable(), target: z.record(z.string(), z.unknown()).nullable() })
    .optional(),
  /** The payload as sent (JSON text), for highlighting the findings' spans. */
  payload: z.string().optional(),
  payloadErased: z.boolean().optional(),
});

export type DecisionView = z.infer<typeof DecisionViewSchema>;
export type EngineCheck = z.infer<typeof EngineCheckSchema>;

export const operatorContract = {
  getInfo: { args: z.tuple([]), result: InfoSchema },
  listAgents: {
    args: z.tuple([z.object({ includeRevoked: z.boolean() }).strict()]),
    result: z.array(AgentSummarySchema),
  },
  /** The key is in this one answer and nowhere else, ever. */
  addAgent: { args: z.tuple([NewAgentSchema]), result: z.object({ agent: AgentSummarySchema, key: z.string() }) },
  revokeAgent: {
    args: z.tuple([z.string().min(1).max(128), z.string().max(500).optional()]),
    result: AgentSummarySchema,
  },
  /** Newest first; the same records as reviews, whatever their status. */
  listDecisions: {
    args: z.tuple([z.object({ limit: z.number().int().min(1).max(500), verdict: z.enum(['allow', 'block', 'review']).optional() }).strict()]),
    result: z.array(DecisionViewSchema),
  },
  listPendingReviews: { args: z.tuple([]), result: z.array(DecisionViewSchema) },
  resolveReview: {
    args: z.tuple([
      z.object({ decisionId: z.uuid(), verdict: z.enum(['approve', 'reject']), reason: z.string().max(1000).optional() }).strict(),
    ]),
    result: DecisionViewSchema,
  },
  /**
   * GDPR Art. 17: erases the decision's payload from the audit log's side table and appends an
   * `erasure` entry (reason recorded with the operator as actor). The decision record stays;
   * a pending review stays pending, its approver sees the payload as erased. Errors:
   * `not_found`, `no_payload`, `already_erased`.
   */
  erasePayload: {
    args: z.tuple([
      z.object({ decisionId: z.uuid(), reason: z.string().trim().min(1, 'a reason is required').max(ERASURE_REASON_MAX) }).strict(),
    ]),
    result: z.object({
      /** The decision after the erasure: `payloadErased: true`, no `payload`. */
      decision: DecisionViewSchema,
      /** Seq of the `erasure` audit entry. */
      erasureSeq: z.number().int().nonnegative(),
      /** The salted content digest that was erased (as in the decision entry and the export). */
      contentDigest: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  },
  /** The active modules (newest version of each) and the version of the policy data document. */
  listPolicies: {
    args: z.tuple([]),
    result: z.object({ modules: z.array(PolicyVersionSchema), dataVersion: z.number().int() }),
  },
  policyHistory: { args: z.tuple([z.string().min(1).max(64)]), result: z.array(PolicyVersionSchema) },
  /** Compiles with the rest of the library first: a module that does not compile is refused. */
  publishPolicy: { args: z.tuple([PolicyDraftSchema]), result: PolicyVersionSchema },
  retirePolicy: { args: z.tuple([z.string().min(1).max(64)]), result: PolicyVersionSchema },
  /** Verifies the whole chain, checkpoints and content, as `portcullis verify` does. */
  verifyAudit: {
    args: z.tuple([]),
    result: z.object({ ok: z.boolean(), lines: z.array(z.string()), entries: z.number().int(), erased: z.number().int() }),
  },
  /** An export for offline verification (`portcullis verify-export`), as text in the chosen format. */
  exportAudit: {
    args: z.tuple([z.object({ format: z.enum(['json', 'csv']) }).strict()]),
    result: z.object({ filename: z.string(), text: z.string() }),
  },
  /** Weights, thresholds, lists and windows of the risk model (validated in full by the engine). */
  getRiskSettings: { args: z.tuple([]), result: z.looseObject({}) },
  /** A JSON Merge Patch (RFC 7386): `{"thresholds": {"review_at": 55}}`; null removes a map entry. */
  updateRiskSettings: { args: z.tuple([z.looseObject({})]), result: z.looseObject({}) },
} as const satisfies Record<OperatorMethod, { args: z.ZodTuple; result: z.ZodType }>;

// Compile-time check that OPERATOR_METHODS lists every method of the contract.
type MissingFromList = Exclude<keyof typeof operatorContract, OperatorMethod>;
const everyMethodListed: MissingFromList extends never ? true : false = true;
void everyMethodListed;

// Callers send the input form (defaults may be omitted); handlers receive the parsed form.
export type OperatorArgs<M extends OperatorMethod> = z.input<(typeof operatorContract)[M]['args']>;
export type OperatorResult<M extends OperatorMethod> = z.infer<(typeof operatorContract)[M]['result']>;

/** What the renderer holds; it never knows which transport is behind it. */
export type OperatorApi = {
  [M in OperatorMethod]: (...args: OperatorArgs<M>) => Promise<OperatorResult<M>>;
};

/** Error body used by every HTTP endpoint of the product. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** An operator-API failure as the caller sees it, whatever the transport. */
export class OperatorApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OperatorApiError';
  }
}

/** What a transport carries back for one call: the result, or the error body. */
export type RpcResponse<M extends OperatorMethod = OperatorMethod> = { result: OperatorResult<M> } | ErrorBody;

/**
 * Turns a transport's response into the result or a thrown OperatorApiError, checking the
 * result against the contract so a renderer never acts on a malformed answer.
 */
export function unwrapResponse<M extends OperatorMethod>(method: M, response: unknown): OperatorResult<M> {
  if (typeof response === 'object' && response !== null && 'error' in response) {
    const { error } = response as ErrorBody;
    throw new OperatorApiError(String(error?.code ?? 'error'), String(error?.message ?? 'unknown error'));
  }
  if (typeof response !== 'object' || response === null || !('result' in response)) {
    throw new OperatorApiError('bad_response', `${method}: the transport returned no result`);
  }
  const parsed = operatorContract[method].result.safeParse(response.result);
  if (!parsed.success) {
    throw new OperatorApiError('bad_response', `${method}: the result does not match the contract`);
  }
  return parsed.data as OperatorResult<M>;
}
