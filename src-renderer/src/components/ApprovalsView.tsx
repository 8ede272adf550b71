import { useEffect, useState } from 'react';
import type { PendingReview } from '../../../src-shared/operator-api';
import { useConsole } from '../console-context';
import { PayloadView } from './PayloadView';

const POLL_MS = 2000;

interface DecisionView {
  risk?: { score: number; factors: Record<string, number>; explanations: Record<string, string> };
  matched_rules?: { module: string; rule: string; reason: string; effect: string; decided: boolean }[];
  findings?: { type: string; start: number; end: number; path?: string }[];
  reasons?: string[];
}

/** The approval queue: oldest first, keyboard-first (j/k to move, a to approve, r to reject). */
export function ApprovalsView() {
  const api = useConsole((s) => s.api);
  const [reviews, setReviews] = useState<PendingReview[]>([]);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!api) return;
    let live = true;
    const load = () =>
      api.listPendingReviews().then(
        (list) => live && setReviews(list),
        (e: Error) => live && setError(e.message),
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, version]);

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

  const decision = current?.decision as DecisionView | undefined;
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
            <article className="review" data-testid="review-detail">
              <h2>
                {current.agent?.name} ({current.agent?.role}, {current.agent?.environment}) wants to {current.action?.verb ?? current.action?.type}
              </h2>
              <dl className="facts">
                <dt>Action</dt>
                <dd className="mono">
                  {current.action?.type} · {current.action?.tool ?? 'no tool'}
                </dd>
                <dt>Target</dt>
                <dd className="mono">{JSON.stringify(current.action?.target ?? {})}</dd>
                <dt>Risk</dt>
                <dd>{decision?.risk?.score ?? '?'} / 100</dd>
              </dl>
              <h2>Why it is paused</h2>
              <ul>
                {decision?.matched_rules?.map((m) => (
                  <li key={`${m.module}/${m.rule}`}>
                    <strong>{m.module}</strong> · {m.effect}: {m.reason}
                  </li>
                ))}
                {/* Reasons repeat the matched rules; alone they explain a risk-only review. */}
                {!decision?.matched_rules?.length && decision?.reasons?.map((r) => <li key={r}>{r}</li>)}
              </ul>
              <h2>Risk factors</h2>
              <table className="grid">
                <tbody>
                  {Object.entries(decision?.risk?.factors ?? {}).map(([name, score]) => (
                    <tr key={name}>
                      <td>{name.replace(/_/g, ' ')}</td>
                      <td className="mono">{score}</td>
                      <td className="muted">{decision?.risk?.explanations[name]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h2>Payload</h2>
              <PayloadView payload={current.payload} erased={current.payloadErased ?? false} findings={decision?.findings ?? []} />
              <div className="actions">
                <button type="button" className="approve" onClick={() => void resolve('approve')}>
                  Approve (a)
                </button>
                <button type="button" className="danger" onClick={() => void resolve('reject')}>
                  Reject (r)
                </button>
              </div>
            </article>
          )}
        </div>
      )}
    </section>
  );
}
