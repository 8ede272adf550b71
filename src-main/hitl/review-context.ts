import type { AuditReader } from '../store/audit-reader';
import type { DecisionRecord } from '../store/decision-repository';

/** What an approver needs beyond the decision itself: who asked, to do what, with which payload. */
export interface ReviewContext {
  agent: { id: string; name: string; role: string; org_unit: string; environment: string };
  action: { type: string; tool: string | null; verb: string | null; target: Record<string, unknown> | null };
  /** The payload as the agent sent it (JSON text); absent when there was none or it was erased. */
  payload?: string;
  payloadErased: boolean;
}

/** Reads the decision's audit entry and, from the erasable side table, its payload. */
export function reviewContext(reader: AuditReader, record: DecisionRecord): ReviewContext | undefined {
  const rows = reader.entries(record.seq, record.seq);
  const row = rows.next().value;
  // Close the statement's iterator: an open one keeps the connection busy for every other query.
  rows.return(undefined);
  if (!row) return undefined;
  const body = JSON.parse(row.body) as Pick<ReviewContext, 'agent' | 'action'> & { content_digest?: string };
  const content = body.content_digest ? reader.content(body.content_digest) : undefined;
  return {
    agent: body.agent,
    action: body.action,
    ...(content ? { payload: content.toString('utf8') } : {}),
    payloadErased: body.content_digest !== undefined && content === undefined,
  };
}
