import { useEffect, useState, type FormEvent } from 'react';
import type { AgentSummary } from '../../../src-shared/agents';
import { AGENT_ENVIRONMENTS } from '../../../src-shared/agents';
import { useConsole } from '../console-context';

type Environment = (typeof AGENT_ENVIRONMENTS)[number];

const EMPTY_FORM = { name: '', role: '', org_unit: '', environment: 'production' as Environment, window: '', tags: '' };

/** The agent registry: list, register (the key is shown once), revoke. */
export function AgentsView() {
  const api = useConsole((s) => s.api);
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  const [showRevoked, setShowRevoked] = useState(false);
  const [form, setForm] = useState(EMPTY_FORM);
  const [newKey, setNewKey] = useState<{ name: string; key: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Bumped after every change so the list is read again from the engine.
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    if (!api) return;
    let live = true;
    api.listAgents({ includeRevoked: showRevoked }).then(
      (list) => live && setAgents(list),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, showRevoked, version]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    setError(undefined);
    try {
      const tags = form.tags.split(',').map((t) => t.trim()).filter(Boolean);
      const { agent, key } = await api.addAgent({
        name: form.name.trim(),
        role: form.role.trim(),
        environment: form.environment,
        tags,
        ...(form.org_unit.trim() ? { org_unit: form.org_unit.trim() } : {}),
        ...(form.window.trim() ? { window: form.window.trim() } : {}),
      });
      setNewKey({ name: agent.name, key });
      setForm(EMPTY_FORM);
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const revoke = async (agent: AgentSummary) => {
    if (!api) return;
    const reason = window.prompt(`Revoke ${agent.name}? Its key stops working at once. Reason (recorded in the audit log):`);
    if (reason === null) return;
    try {
      await api.revokeAgent(agent.id, reason || undefined);
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const field = (key: keyof typeof EMPTY_FORM) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });

  return (
    <section className="panel wide" aria-labelledby="agents-title">
      <h1 id="agents-title">Agents</h1>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {newKey && (
        <div className="key-once" role="status" data-testid="new-agent-key">
          <strong>API key for {newKey.name}</strong> — shown once, only a hash is stored. Put it where the agent keeps
          secrets now.
          <code className="mono block">{newKey.key}</code>
          <button type="button" onClick={() => setNewKey(undefined)}>
            I have stored it
          </button>
        </div>
      )}
      <table className="grid" data-testid="agents-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Org unit</th>
            <th>Environment</th>
            <th>Window</th>
            <th>Key</th>
            <th>Status</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {agents.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No agents registered.
              </td>
            </tr>
          )}
          {agents.map((agent) => (
            <tr key={agent.id} className={agent.revokedAt ? 'revoked' : undefined}>
              <td>{agent.name}</td>
              <td>{agent.role}</td>
              <td>{agent.org_unit}</td>
              <td>{agent.environment}</td>
              <td>{agent.window ?? '—'}</td>
              <td className="mono">{agent.keyPrefix}</td>
              <td>{agent.revokedAt ? `revoked ${agent.revokedAt.slice(0, 10)}` : 'active'}</td>
              <td>
                {!agent.revokedAt && (
                  <button type="button" className="danger" onClick={() => void revoke(agent)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="inline">
        <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} /> Show revoked
      </label>
      <h2>Register an agent</h2>
      <form className="form-grid" onSubmit={(e) => void add(e)}>
        <label>
          Name <input required {...field('name')} />
        </label>
        <label>
          Role <input required {...field('role')} />
        </label>
        <label>
          Org unit <input placeholder="default" {...field('org_unit')} />
        </label>
        <label>
          Environment
          <select value={form.environment} onChange={(e) => setForm({ ...form, environment: e.target.value as Environment })}>
            {AGENT_ENVIRONMENTS.map((env) => (
              <option key={env}>{env}</option>
            ))}
          </select>
        </label>
        <label>
          Operating window <input placeholder="Mon-Fri 08:00-18:00 Europe/Berlin" {...field('window')} />
        </label>
        <label>
          Tags <input placeholder="pci, eu" {...field('tags')} />
        </label>
        <button type="submit">Register</button>
      </form>
    </section>
  );
}
