import { useEffect, useState, type FormEvent } from 'react';
import { POLICY_SCOPES, type PolicyVersion } from '../../../src-shared/policies';
import { useConsole } from '../console-context';

type Scope = (typeof POLICY_SCOPES)[number];

/** The policy library: active modules, their source and history, and publishing a new version. */
export function PoliciesView() {
  const api = useConsole((s) => s.api);
  const [modules, setModules] = useState<PolicyVersion[]>([]);
  const [selected, setSelected] = useState<PolicyVersion | undefined>();
  const [history, setHistory] = useState<PolicyVersion[]>([]);
  const [draft, setDraft] = useState({ id: '', name: '', scope: 'org' as Scope, scopeValue: '', priority: '0', source: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!api) return;
    let live = true;
    api.listPolicies().then(
      (list) => live && setModules(list.modules),
      (e: Error) => live && setMessage({ ok: false, text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, version]);

  useEffect(() => {
    if (!api || !selected) return;
    let live = true;
    api.policyHistory(selected.id).then((h) => live && setHistory(h), () => undefined);
    return () => {
      live = false;
    };
  }, [api, selected]);

  const edit = (m: PolicyVersion) => {
    setSelected(m);
    setDraft({ id: m.id, name: m.name, scope: m.scope, scopeValue: m.scopeValue ?? '', priority: String(m.priority), source: m.source });
  };

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    try {
      const current = modules.find((m) => m.id === draft.id);
      const published = await api.publishPolicy({
        id: draft.id.trim(),
        name: draft.name.trim(),
        scope: draft.scope,
        ...(draft.scope === 'org' ? {} : { scopeValue: draft.scopeValue.trim() }),
        priority: Number(draft.priority),
        guardrail: current?.guardrail ?? false,
        mode: current?.mode ?? 'enforce',
        source: draft.source,
      });
      setMessage({ ok: true, text: `Published ${published.id} version ${published.version}.` });
      setSelected(published);
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <section className="panel wide" aria-labelledby="policies-title">
      <h1 id="policies-title">Policies</h1>
      <table className="grid" data-testid="policies-table">
        <thead>
          <tr>
            <th>Module</th>
            <th>Scope</th>
            <th>Priority</th>
            <th>Kind</th>
            <th>Version</th>
            <th>Package</th>
          </tr>
        </thead>
        <tbody>
          {modules.map((m) => (
            <tr key={m.id}>
              <td>
                <button type="button" className="link" onClick={() => edit(m)}>
                  {m.name}
                </button>
              </td>
              <td>{m.scope === 'org' ? 'org' : `${m.scope}: ${m.scopeValue}`}</td>
              <td className="mono">{m.priority}</td>
              <td>{m.guardrail ? 'guardrail' : m.mode === 'shadow' ? 'shadow' : 'policy'}</td>
              <td className="mono">v{m.version}</td>
              <td className="mono">{m.package}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && history.length > 0 && (
        <p className="muted">
          {selected.id}: {history.map((h) => `v${h.version} by ${h.author} ${h.createdAt.slice(0, 16)}${h.retired ? ' (retired)' : ''}`).join(' · ')}
        </p>
      )}
      <h2>{selected ? `Edit ${selected.id}` : 'New module'}</h2>
      {message && (
        <p className={message.ok ? 'note' : 'alert'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <form className="form-grid" onSubmit={(e) => void publish(e)}>
        <label>
          Id <input required value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
        </label>
        <label>
          Name <input required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label>
          Priority <input type="number" value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value })} />
        </label>
        <label>
          Scope
          <select value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value as Scope })}>
            {POLICY_SCOPES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Applies to <input disabled={draft.scope === 'org'} placeholder="role, org unit or agent" value={draft.scopeValue} onChange={(e) => setDraft({ ...draft, scopeValue: e.target.value })} />
        </label>
        <label className="span-all">
          Rego source
          <textarea className="mono" rows={16} spellCheck={false} value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })} />
        </label>
        <button type="submit">Compile and publish</button>
      </form>
    </section>
  );
}
