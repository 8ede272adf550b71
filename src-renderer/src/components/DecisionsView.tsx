import { useState } from 'react';
import { usePolled } from '../use-polled';
import { DecisionDetail } from './DecisionDetail';

const POLL_MS = 3000;
const VERDICTS = ['all', 'allow', 'review', 'block'] as const;

/** The newest decisions, filterable by verdict, each opening its full context. */
export function DecisionsView() {
  const [verdict, setVerdict] = useState<(typeof VERDICTS)[number]>('all');
  const [open, setOpen] = useState<string | undefined>();
  // Bumped after a change (an erasure) so the list is read again at once.
  const [version, setVersion] = useState(0);
  const { data, error } = usePolled(
    (a) => a.listDecisions({ limit: 100, ...(verdict === 'all' ? {} : { verdict }) }),
    POLL_MS,
    `${verdict}:${version}`,
  );
  const decisions = data ?? [];

  const selected = decisions.find((d) => d.decisionId === open);
  return (
    <section className="panel wide" aria-labelledby="decisions-title">
      <h1 id="decisions-title">Decisions</h1>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <label className="inline">
        Verdict
        <select value={verdict} onChange={(e) => setVerdict(e.target.value as (typeof VERDICTS)[number])}>
          {VERDICTS.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <table className="grid" data-testid="decisions-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Agent</th>
            <th>Action</th>
            <th>Verdict</th>
            <th>Risk</th>
            <th>Rule</th>
          </tr>
        </thead>
        <tbody>
          {decisions.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No decisions yet.
              </td>
            </tr>
          )}
          {decisions.map((d) => {
            const response = d.decision as { decision: string; risk?: { score: number }; matched_rules?: { rule: string; decided: boolean }[] };
            return (
              <tr key={d.decisionId} onClick={() => setOpen(d.decisionId === open ? undefined : d.decisionId)} className="clickable">
                <td className="mono">{new Date(d.createdAt).toISOString().slice(11, 19)}</td>
                <td>{d.agent?.name ?? d.agentId}</td>
                <td className="mono">
                  {d.action?.type} {d.action?.verb ?? ''}
                </td>
                <td className={`verdict-${response.decision}`}>
                  {response.decision}
                  {d.status !== 'decided' ? ` (${d.status})` : ''}
                </td>
                <td className="mono">{response.risk?.score}</td>
                <td className="mono">{response.matched_rules?.find((m) => m.decided)?.rule ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected && <DecisionDetail view={selected} onChanged={() => setVersion((v) => v + 1)} />}
    </section>
  );
}
