import type { ReactNode } from 'react';
import type { EvaluateResponse } from '../../../src-shared/agent-api';
import type { DecisionView } from '../../../src-shared/operator-api';
import { PayloadView } from './PayloadView';

/** The context package for one decision: who, what, why, the seven factors, the payload. */
export function DecisionDetail({ view, children }: { view: DecisionView; children?: ReactNode }) {
  const decision = view.decision as unknown as EvaluateResponse;
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
      <PayloadView payload={view.payload} erased={view.payloadErased ?? false} findings={decision.findings} />
      {children}
    </article>
  );
}
