import { useConsole } from '../console-context';

/** The top bar's connection light: what the last getInfo round trip said. */
export function StatusIndicator() {
  const connection = useConsole((s) => s.connection);
  const transport = useConsole((s) => s.transport);
  let tone: 'ok' | 'warn' | 'bad' | 'idle';
  let text: string;
  switch (connection.state) {
    case 'connected':
      tone = connection.info.engine.status === 'ready' ? 'ok' : 'warn';
      text = `${connection.info.engine.status === 'ready' ? 'Engine ready' : 'Engine degraded'} · v${connection.info.version}`;
      break;
    case 'connecting':
      tone = 'idle';
      text = 'Connecting…';
      break;
    case 'needs-token':
      tone = 'warn';
      text = 'Sign-in required';
      break;
    case 'unreachable':
      tone = 'bad';
      text = 'Service unreachable';
      break;
  }
  return (
    <div className={`status status-${tone}`} data-testid="status-indicator" data-state={connection.state} role="status">
      <span className="status-dot" aria-hidden="true" />
      <span>{text}</span>
      <span className="status-transport">{transport === 'ipc' ? 'desktop' : 'web'}</span>
    </div>
  );
}
