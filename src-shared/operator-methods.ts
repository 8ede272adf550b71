/**
 * The names of the operator API's methods, with no dependencies, so the sandboxed
 * preload can expose exactly these and nothing else without bundling the schemas.
 * `operator-api.ts` checks at compile time that this list matches the contract.
 */
export const OPERATOR_METHODS = [
  'getInfo',
  'listAgents',
  'addAgent',
  'revokeAgent',
  'listDecisions',
  'listPendingReviews',
  'resolveReview',
  'erasePayload',
  'listPolicies',
  'policyHistory',
  'publishPolicy',
  'retirePolicy',
  'verifyAudit',
  'exportAudit',
  'getRiskSettings',
  'updateRiskSettings',
] as const;

export type OperatorMethod = (typeof OPERATOR_METHODS)[number];

/** IPC channel for a method: one channel per method keeps the main-side allowlist trivial. */
export const ipcChannel = (method: OperatorMethod): string => `operator:${method}`;
