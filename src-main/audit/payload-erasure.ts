import { ERASURE_REASON_MAX } from '../../src-shared/operator-api';
import type { Store } from '../store/database';
import type { DecisionRecord, DecisionRepository } from '../store/decision-repository';
import type { AuditLog } from './audit-log';

/**
 * GDPR Art. 17 for one decision: erases the payload it stored in the audit log's side table
 * (AuditLog.erase: content row deleted, `erasure` entry appended, freed pages zeroed, WAL
 * emptied). The decision record, its entry and the chain stay; verification reports the
 * content as erased. Written once, for the operator API and the `portcullis erase` command.
 */

export type PayloadErasureCode = 'not_found' | 'no_payload' | 'already_erased';

/** A refusal the caller can act on: carried as its code by the operator API, one line by the CLI. */
export class PayloadErasureError extends Error {
  constructor(
    readonly code: PayloadErasureCode,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadErasureError';
  }
}

export interface PayloadErasureDeps {
  decisions: Pick<DecisionRepository, 'get'>;
  audit: Pick<AuditLog, 'content' | 'erase'>;
}

export interface PayloadErasure {
  /** Seq of the `erasure` entry. */
  seq: number;
  /** The salted content digest the decision entry names and the erasure entry repeats. */
  digest: string;
  /** The decision as it stands after the erasure. */
  record: DecisionRecord;
}

/**
 * What is wrong with an operator's reason, or undefined when it can be recorded: 1 to
 * ERASURE_REASON_MAX characters once trimmed, the rule the operator contract applies too.
 */
export function erasureReasonProblem(reason: string): string | undefined {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return 'a reason is required (it is recorded in the audit log)';
  if (trimmed.length > ERASURE_REASON_MAX) return `the reason must be at most ${ERASURE_REASON_MAX} characters`;
  return undefined;
}

/**
 * The erasure entry's `reason`: the erasure body has no actor field (docs/audit-format.md §5),
 * so who asked and for which decision go into the text: `by <actor> for decision <id>: <reason>`.
 */
export function erasureReasonText(actor: string, decisionId: string, reason: string): string {
  return `by ${actor} for decision ${decisionId}: ${reason.trim()}`;
}

/**
 * Erases the payload of `decisionId`. A pending review's payload may be erased too: the
 * approver then sees it erased and decides on the record alone. Content is stored once per
 * digest, so another decision with byte-identical payload loses it as well.
 */
export function erasePayload(deps: PayloadErasureDeps, decisionId: string, reason: string, actor: string): PayloadErasure {
  const problem = erasureReasonProblem(reason);
  if (problem) throw new Error(problem);
  const before = deps.decisions.get(decisionId);
  if (!before) throw new PayloadErasureError('not_found', `no decision ${decisionId}`);
  const digest = before.entry.content_digest;
  if (digest === undefined) throw new PayloadErasureError('no_payload', `decision ${decisionId} has no payload to erase`);
  if (deps.audit.content(digest) === undefined) {
    throw new PayloadErasureError('already_erased', `the payload of decision ${decisionId} is already erased`);
  }
  // Synchronous from the check to the commit: nothing else runs in between on this connection.
  const seq = deps.audit.erase(digest, erasureReasonText(actor, decisionId, reason));
  const record = deps.decisions.get(decisionId);
  if (!record) throw new Error(`decision ${decisionId} vanished during its payload's erasure`);
  return { seq, digest, record };
}

/**
 * AuditLog.erase() empties the WAL once, at once; the store's background checkpointer can be
 * holding it at that instant, leaving earlier images of the erased pages in the WAL file until
 * they are overwritten. Callers that can wait retry for up to `withinMs`, so the bytes are gone
 * when they answer. Cheap when erase() already succeeded (the WAL is then empty). False if it
 * never did.
 */
export async function emptyWalAfterErasure(store: Pick<Store, 'walCheckpoint'>, withinMs = 1000, delayMs = 25): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (store.walCheckpoint('TRUNCATE')) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
