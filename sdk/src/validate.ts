import type { EvaluateResponse, MatchedRule } from './types.js';

const DECISIONS = new Set(['allow', 'block', 'review']);
const STATUSES = new Set(['decided', 'pending', 'approved', 'rejected', 'expired']);
const EFFECTS = new Set(['deny', 'review', 'allow']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isMatchedRule(value: unknown): value is MatchedRule {
  return (
    isObject(value) &&
    typeof value.module === 'string' &&
    typeof value.rule === 'string' &&
    typeof value.reason === 'string' &&
    typeof value.effect === 'string' &&
    EFFECTS.has(value.effect)
  );
}

/**
 * Whether an answer is an evaluation the SDK can act on. Checks what enforcement reads (id,
 * decision, status, reasons, rules) and that the rest has the right kind; anything else is
 * garbage and fails closed. Hand-written rather than a schema library: no dependencies, and it
 * runs on every call.
 */
export function isEvaluateResponse(value: unknown): value is EvaluateResponse {
  return (
    isObject(value) &&
    typeof value.decision_id === 'string' &&
    value.decision_id.length > 0 &&
    typeof value.decision === 'string' &&
    DECISIONS.has(value.decision) &&
    typeof value.status === 'string' &&
    STATUSES.has(value.status) &&
    isStringArray(value.reasons) &&
    Array.isArray(value.matched_rules) &&
    value.matched_rules.every(isMatchedRule) &&
    isObject(value.risk) &&
    typeof value.risk.score === 'number' &&
    Array.isArray(value.findings)
  );
}
