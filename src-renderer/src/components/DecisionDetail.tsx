import { useState, type ReactNode } from 'react';
import type { EvaluateResponse } from '../../../src-shared/agent-api';
import type { DecisionView } from '../../../src-shared/operator-api';
import { ErasePayload } from './ErasePayload';
import { PayloadView } from './PayloadView';

/**
 * The context package for one decision: who, what, why, the seven factors, the payload, and
 * the payload's erasure. `onChanged` lets the list it came from read it again after a change.
 */
export function DecisionDetail({ view, children, onChanged }: { view: DecisionView; children?: ReactNode; onChanged?: () => void }) {
  const decision = view.decision as unknown as EvaluateResponse;
  // Shown at once, before the list it came from is read again.
  const [erasure, setErasure] = useState<{ decisionId: string; seq: number } | undefined>();
  const erasedHere = erasure?.decisionId === view.decisionId ? erasure : undefined;
  const erased = (view.payloadErased ?? false) || erasedHere !== undefined;
  return (
    <article className="review" data-testid="review-detail">
      <h2>
        {view.agent?.name} ({view.agent?.role}, {view.agent?.environment}) wants to {view.action?.verb ?? view.action?.type}
      </h2>
      <dl className="facts">
        <dt>Verdict</dt>
        <dd className={`verdict-${decision.decision}`}>
          {decision.decision} · {view.status}
        </dd>
        <dt>Action</dt>
        <dd className="mono">
          {view.action?.type} · {view.action?.tool ?? 'no tool'}
        </dd>
        <dt>Target</dt>
        <dd className="mono">{JSON.stringify(view.action?.target ?? {})}</dd>
        <dt>Risk</dt>
        <dd>{decision.risk.score} / 100</dd>
        <dt>When</dt>
        <dd className="mono">{new Date(view.createdAt).toISOString()}</dd>
      </dl>
      <h2>Why</h2>
      <ul>
        {decision.matched_rules.map((m) => (
          <li key={`${m.module}/${m.rule}`}>
            <strong>{m.module}</strong> <span className="mono">{m.rule}</span> · {m.effect}: {m.reason}
            {m.decided && <span className="tag">decided</span>}
          </li>
        ))}
        {/* Reasons repeat the matched rules; alone they explain a risk-only verdict. */}
        {decision.matched_rules.length === 0 && decision.reasons.map((r) => <li key={r}>{r}</li>)}
      </ul>
      <h2>Risk factors</h2>
      <table className="grid">
        <tbody>
          {Object.entries(decision.risk.factors).map(([name, score]) => (
            <tr key={name}>
              <td>{name.replace(/_/g, ' ')}</td>
              <td className="mono">{score}</td>
              <td className="muted">{decision.risk.explanations[name as keyof typeof decision.risk.explanations]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Payload</h2>
      <PayloadView payload={erased ? undefined : view.payload} erased={erased} findings={decision.findings} />
      {erasedHere && (
        <p className="note" role="status" data-testid="erasure-note">
          Payload erased: audit entry {erasedHere.seq} records who erased it and why.
        </p>
      )}
      {!erased && view.payload !== undefined && (
        <ErasePayload
          key={view.decisionId}
          decisionId={view.decisionId}
          pending={view.status === 'pending'}
          onErased={(result) => {
            setErasure({ decisionId: view.decisionId, seq: result.erasureSeq });
            onChanged?.();
          }}
        />
      )}
      {children}
    </article>
  );
}
