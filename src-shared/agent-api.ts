import { z } from 'zod';
import type { Finding, RiskFactorName, Verdict } from './decision';
import type { RuleMatch } from './policy';

/**
 * The agent endpoint's wire contract (`POST /v1/evaluate` and friends). Strict objects: an
 * unknown field is an error, so a typo such as `sesion_id` cannot silently drop a control.
 * The payload is free-form JSON: it is what gets classified.
 */

const text = (max: number) => z.string().max(max);

export const ActionTargetSchema = z
  .object({
    system: text(256).optional(),
    resource: text(4096).optional(),
    url: text(8192).optional(),
    host: text(255).optional(),
    environment: text(64).optional(),
    external: z.boolean().optional(),
  })
  .strict();

export const ActionSchema = z
  .object({
    type: z.string().min(1).max(64),
    tool: text(256).optional(),
    verb: text(64).optional(),
    target: ActionTargetSchema.optional(),
    payload: z.unknown().optional(),
  })
  .strict();

export const MAX_WAIT_MS = 600_000;

export const EvaluateRequestSchema = z
  .object({
    action: ActionSchema,
    session_id: z.string().min(1).max(128).optional(),
    /** Hold a `review` open for up to this long, answering with the verdict if it comes. */
    wait_ms: z.number().int().min(0).max(MAX_WAIT_MS).optional(),
  })
  .strict();

export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

export const OUTCOMES = ['executed', 'failed', 'abandoned'] as const;

export const OutcomeRequestSchema = z
  .object({
    outcome: z.enum(OUTCOMES),
    detail: text(2000).optional(),
  })
  .strict();

export type OutcomeRequest = z.infer<typeof OutcomeRequestSchema>;

/** Where a decision stands: decided at once, or waiting for / resolved by a human. */
export type DecisionStatus = 'decided' | 'pending' | 'approved' | 'rejected' | 'expired';

export interface EvaluateResponse {
  decision_id: string;
  decision: Verdict;
  status: DecisionStatus;
  risk: {
    score: number;
    factors: Record<RiskFactorName, number>;
    explanations: Record<RiskFactorName, string>;
  };
  /** Every rule that matched, in decision order; `decided` marks the one that made the verdict. */
  matched_rules: RuleMatch[];
  reasons: string[];
  findings: Finding[];
}
