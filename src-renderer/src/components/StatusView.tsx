import { useConsole } from '../console-context';
import { formatDuration } from '../format';

export function StatusView() {
  const connection = useConsole((s) => s.connection);
  const info = connection.state === 'connected' || connection.state === 'unreachable' ? connection.info : undefined;
  return (
    <section className="panel" aria-labelledby="status-title">
      <h1 id="status-title">Status</h1>
      {connection.state === 'unreachable' && (
        <p className="alert" role="alert">
          Cannot reach the Portcullis service: {connection.error}
        </p>
      )}
      {info ? (
        <>
          <dl className="facts">
            <dt>Product</dt>
            <dd data-testid="info-name">{info.name}</dd>
            <dt>Version</dt>
            <dd data-testid="info-version">{info.version}</dd>
            <dt>Engine</dt>
            <dd data-testid="engine-status" className={`engine-${info.engine.status}`}>
              {info.engine.status}
            </dd>
            <dt>Data directory</dt>
            <dd data-testid="info-datadir" className="mono">
              {info.dataDir}
            </dd>
            <dt>Started</dt>
            <dd className="mono">{info.startedAt}</dd>
            <dt>Uptime</dt>
            <dd data-testid="info-uptime">{formatDuration(info.uptimeMs)}</dd>
          </dl>
          <h2>Engine checks</h2>
          <ul className="checks">
            {info.engine.checks.map((check) => (
              <li key={check.name} className={check.ok ? 'check-ok' : 'check-bad'}>
                <span className="check-mark" aria-hidden="true">
                  {check.ok ? '✓' : '✗'}
                </span>
                <strong>{check.name}</strong> <span className="muted">{check.detail}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        connection.state === 'connecting' && <p className="muted">Asking the engine for its status…</p>
      )}
    </section>
  );
}
