import { useEffect, useState } from 'react';
import { useConsole } from '../console-context';
import { usePolled } from '../use-polled';
import { DecisionDetail } from './DecisionDetail';

const POLL_MS = 2000;

/** The approval queue: oldest first, keyboard-first (j/k to move, a to approve, r to reject). */
export function ApprovalsView() {
  const api = useConsole((s) => s.api);
  const [selected, setSelected] = useState(0);
  const [version, setVersion] = useState(0);
  const { data, error, setError } = usePolled((a) => a.listPendingReviews(), POLL_MS, String(version));
  const reviews = data ?? [];

  const index = Math.min(selected, Math.max(0, reviews.length - 1));
  const current = reviews[index];

  const resolve = async (verdict: 'approve' | 'reject') => {
    if (!api || !current) return;
    const reason = window.prompt(`${verdict === 'approve' ? 'Approve' : 'Reject'} this action? Reason (recorded in the audit log):`);
    if (reason === null) return;
    try {
      await api.resolveReview({ decisionId: current.decisionId, verdict, ...(reason ? { reason } : {}) });
      setError(undefined);
      setVersion((v) => v + 1);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      if (event.key === 'j') setSelected((i) => Math.min(i + 1, reviews.length - 1));
      if (event.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      if (event.key === 'a') void resolve('approve');
      if (event.key === 'r') void resolve('reject');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="panel wide" aria-labelledby="approvals-title">
      <h1 id="approvals-title">Approvals</h1>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {reviews.length === 0 ? (
        <p className="muted" data-testid="approvals-empty">
          No action is waiting for a verdict.
        </p>
      ) : (
        <div className="approvals">
          <ul className="queue" aria-label="Pending actions" data-testid="approval-queue">
            {reviews.map((r, i) => (
              <li key={r.decisionId}>
                <button type="button" className={i === index ? 'nav-item active' : 'nav-item'} onClick={() => setSelected(i)}>
                  <strong>{r.agent?.name ?? r.agentId}</strong> {r.action?.verb ?? r.action?.type}{' '}
                  <span className="muted">{r.action?.target?.resource as string | undefined}</span>
                  {r.expiresAt && <span className="muted"> · expires {new Date(r.expiresAt).toLocaleTimeString()}</span>}
                </button>
              </li>
            ))}
          </ul>
          {current && (
            <DecisionDetail view={current} onChanged={() => setVersion((v) => v + 1)}>
              <div className="actions">
                <button type="button" className="approve" onClick={() => void resolve('approve')}>
                  Approve (a)
                </button>
                <button type="button" className="danger" onClick={() => void resolve('reject')}>
                  Reject (r)
                </button>
              </div>
            </DecisionDetail>
          )}
        </div>
      )}
    </section>
  );
}
