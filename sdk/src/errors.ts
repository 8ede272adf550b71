import type { MatchedRule } from './types.js';
import type { BlockVerdict } from './verdict.js';

/** Thrown instead of running an action Portcullis did not allow. */
export class PolicyBlockedError extends Error {
  readonly decisionId: string | undefined;
  readonly reasons: string[];
  readonly matchedRules: MatchedRule[];

  constructor(
    readonly verdict: BlockVerdict,
    /** What was blocked, for the message: a tool name or an action type. */
    readonly subject: string,
  ) {
    super(blockedMessage(subject, verdict));
    this.name = 'PolicyBlockedError';
    this.decisionId = verdict.decisionId;
    this.reasons = verdict.reasons;
    this.matchedRules = verdict.matchedRules;
  }
}

/** One line for a human or a model: what was blocked, why, and the decision to look up. */
export function blockedMessage(subject: string, verdict: BlockVerdict): string {
  const why = verdict.reasons.length > 0 ? verdict.reasons.join('; ') : 'no reason given';
  const id = verdict.decisionId ? ` (decision ${verdict.decisionId})` : '';
  return `Portcullis blocked ${subject}: ${why}${id}`;
}
