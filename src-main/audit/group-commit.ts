import type { AppendRequest, AuditLog } from './audit-log';

/**
 * Group commit for the decision path. Appends submitted during one turn of the event loop
 * (everything that arrived while the previous commit ran included) are written by one
 * appendMany, i.e. one transaction and, with synchronous=FULL, one fsync. A submit resolves
 * only after that commit returned, so an answer that waits for it is never ahead of the log.
 * No timer: under light load a batch is one entry and waits only for the next setImmediate.
 */
export class GroupCommitter {
  private queue: { request: AppendRequest; resolve: (seq: number) => void; reject: (error: Error) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly audit: AuditLog,
    private readonly onCommit: (entries: number) => void = () => {},
  ) {}

  /** Resolves with the entry's seq once committed; rejects if it could not be. */
  submit(request: AppendRequest): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits whatever is queued now (also called at shutdown, before the log closes). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let results: (number | Error)[];
    try {
      results = this.audit.appendMany(batch.map(({ request }) => request));
      const committed = results.filter((result) => !(result instanceof Error)).length;
      if (committed > 0) this.onCommit(committed);
    } catch (error) {
      results = batch.map(() => (error instanceof Error ? error : new Error(String(error))));
    }
    batch.forEach(({ resolve, reject }, i) => {
      const result = results[i] as number | Error;
      if (result instanceof Error) reject(result);
      else resolve(result);
    });
  }
}
