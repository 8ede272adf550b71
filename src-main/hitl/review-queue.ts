import type { DecisionRecord, DecisionRepository } from '../store/decision-repository';

/**
 * Appends one audit entry of `kind` and runs `apply` in the same transaction: both land or
 * neither. `apply` receives the entry's seq.
 */
export type AuditedCommit = (kind: 'approval', body: Record<string, unknown>, apply: (seq: number) => void) => number;

export class ReviewError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_pending',
    message: string,
  ) {
    super(message);
  }
}

export interface ReviewQueueDeps {
  repository: DecisionRepository;
  commit: AuditedCommit;
  now?: () => number;
}

/**
 * Actions paused for a human: `pending → approved | rejected | expired`. The state lives in the
 * decisions table (so a restart loses nothing); waiters are only in memory and re-read the table.
 * Expiry resolves to block, the fail-closed default.
 */
export class ReviewQueue {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly deps: ReviewQueueDeps) {
    this.now = deps.now ?? Date.now;
  }

  pending(): DecisionRecord[] {
    return this.deps.repository.pending();
  }

  depth(): number {
    return this.deps.repository.pendingCount();
  }

  /** Resolves with the record once it leaves `pending`, or as it stands when the wait ends. */
  async waitFor(id: string, waitMs: number): Promise<DecisionRecord | undefined> {
    const record = this.deps.repository.get(id);
    if (!record || record.status !== 'pending' || waitMs <= 0 || this.stopped) return record;
    const deadline = Math.min(waitMs, Math.max(0, (record.expiresAt ?? Infinity) - this.now()) + 50);
    await new Promise<void>((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, deadline);
      set.add(done);
    });
    this.expireDue();
    return this.deps.repository.get(id);
  }

  /**
   * For shutdown: ends every wait now (each waiter gets the record as it stands, still pending)
   * and makes later waits return at once, so no long-poll holds the service open. The review
   * itself stays pending in the store; the agent asks again once the service is back.
   */
  stopWaiting(): void {
    this.stopped = true;
    for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
  }

  /** An operator's verdict on a pending review. */
  resolve(id: string, verdict: 'approve' | 'reject', by: string, reason?: string): DecisionRecord {
    const status = verdict === 'approve' ? 'approved' : 'rejected';
    return this.finish(id, status, verdict === 'approve' ? 'allow' : 'block', by, reason);
  }

  /** Expires every pending review past its deadline; returns how many. */
  expireDue(): number {
    let count = 0;
    for (const record of this.deps.repository.expired(this.now())) {
      try {
        this.finish(record.id, 'expired', 'block', 'system', 'no verdict before the review expired');
        count++;
      } catch (error) {
        if (!(error instanceof ReviewError)) throw error;
      }
    }
    return count;
  }

  private finish(id: string, status: 'approved' | 'rejected' | 'expired', verdict: 'allow' | 'block', by: string, reason?: string) {
    const record = this.deps.repository.get(id);
    if (!record) throw new ReviewError('not_found', `no decision ${id}`);
    if (record.status !== 'pending') throw new ReviewError('not_pending', `decision ${id} is already ${record.status}`);
    const at = this.now();
    this.deps.commit('approval', { decision_id: id, status, verdict, by, ...(reason ? { reason } : {}) }, () => {
      if (!this.deps.repository.resolve(id, status, verdict, at, by, reason)) {
        throw new ReviewError('not_pending', `decision ${id} was resolved meanwhile`);
      }
    });
    for (const wake of [...(this.waiters.get(id) ?? [])]) wake();
    return this.deps.repository.get(id) as DecisionRecord;
  }
}
