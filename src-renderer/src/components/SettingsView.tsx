import { useEffect, useState, type FormEvent } from 'react';
import { useConsole } from '../console-context';

/** Risk settings: the live values, and changes as a JSON Merge Patch (validated whole, audited). */
export function SettingsView() {
  const api = useConsole((s) => s.api);
  const [settings, setSettings] = useState<Record<string, unknown> | undefined>();
  const [patch, setPatch] = useState('{\n  "thresholds": { "review_at": 60 }\n}');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();

  useEffect(() => {
    if (!api) return;
    let live = true;
    api.getRiskSettings().then(
      (s) => live && setSettings(s),
      (e: Error) => live && setMessage({ ok: false, text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(patch);
    } catch (e) {
      setMessage({ ok: false, text: `The patch is not JSON: ${(e as Error).message}` });
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setMessage({ ok: false, text: 'The patch must be a JSON object.' });
      return;
    }
    try {
      setSettings(await api.updateRiskSettings(parsed as Record<string, unknown>));
      setMessage({ ok: true, text: 'Applied and recorded in the audit log.' });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <section className="panel wide" aria-labelledby="settings-title">
      <h1 id="settings-title">Risk settings</h1>
      {message && (
        <p className={message.ok ? 'note' : 'alert'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <form className="form-grid" onSubmit={(e) => void apply(e)}>
        <label className="span-all">
          Change (JSON Merge Patch: objects merge, null removes an entry)
          <textarea className="mono" rows={6} spellCheck={false} value={patch} onChange={(e) => setPatch(e.target.value)} />
        </label>
        <button type="submit">Validate and apply</button>
      </form>
      <h2>Live settings</h2>
      <pre className="mono block" data-testid="risk-settings">
        {settings ? JSON.stringify(settings, null, 2) : 'Loading…'}
      </pre>
    </section>
  );
}
