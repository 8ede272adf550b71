import type { DecisionEntryBody } from '../engine/decision-entry';
import type { AuditReader } from '../store/audit-reader';
import type { DecisionRecord } from '../store/decision-repository';

/** What an approver needs beyond the decision itself: who asked, to do what, with which payload. */
export interface ReviewContext {
  agent: DecisionEntryBody['agent'];
  action: Omit<DecisionEntryBody['action'], 'target'> & { target: Record<string, unknown> | null };
  /** The payload as the agent sent it (JSON text); absent when there was none or it was erased. */
  payload?: string;
  payloadErased: boolean;
}

/** From the decision's audit entry and, in the erasable side table, its payload. */
export function reviewContext(reader: AuditReader, record: DecisionRecord): ReviewContext {
  const { agent, action, content_digest: digest } = record.entry;
  const content = digest ? reader.content(digest) : undefined;
  return {
    agent,
    action: { ...action, target: action.target && { ...action.target } },
    ...(content ? { payload: content.toString('utf8') } : {}),
    payloadErased: digest !== undefined && content === undefined,
  };
}
