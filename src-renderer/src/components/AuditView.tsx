import { useState } from 'react';
import { useConsole } from '../console-context';

/** Verify the hash chain from the console, and export evidence for offline verification. */
export function AuditView() {
  const api = useConsole((s) => s.api);
  const [result, setResult] = useState<{ ok: boolean; lines: string[] } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    if (!api) return;
    setBusy(true);
    try {
      setResult(await api.verifyAudit());
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const download = async (format: 'json' | 'csv') => {
    if (!api) return;
    try {
      const { filename, text } = await api.exportAudit({ format });
      const url = URL.createObjectURL(new Blob([text], { type: format === 'json' ? 'application/json' : 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="panel wide" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">
        Every decision, approval and change is an entry in a SHA-256 hash chain with signed checkpoints. Verification
        recomputes every hash and link, the signed Merkle roots and the content digests. An export carries what{' '}
        <code>portcullis verify-export FILE</code> needs to check it offline.
      </p>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void verify()} disabled={busy}>
          {busy ? 'Verifying…' : 'Verify now'}
        </button>
        <button type="button" onClick={() => void download('json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => void download('csv')}>
          Export CSV
        </button>
      </div>
      {result && (
        <pre className={`mono block ${result.ok ? 'verify-ok' : 'verify-bad'}`} data-testid="verify-result">
          {result.lines.join('\n')}
        </pre>
      )}
    </section>
  );
}
