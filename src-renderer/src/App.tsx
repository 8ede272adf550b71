import { useEffect } from 'react';
import { useConsole } from './console-context';
import { SECTIONS, type SectionId } from './sections';
import { AgentsView } from './components/AgentsView';
import { ApprovalsView } from './components/ApprovalsView';
import { AuditView } from './components/AuditView';
import { DecisionsView } from './components/DecisionsView';
import { PendingSection } from './components/PendingSection';
import { PoliciesView } from './components/PoliciesView';
import { SettingsView } from './components/SettingsView';
import { StatusIndicator } from './components/StatusIndicator';
import { StatusView } from './components/StatusView';
import { TokenForm } from './components/TokenForm';

const REFRESH_MS = 5000;

/** The sections that are built; the others say which capability will fill them. */
const VIEWS: Partial<Record<SectionId, () => React.JSX.Element>> = {
  status: StatusView,
  approvals: ApprovalsView,
  decisions: DecisionsView,
  policies: PoliciesView,
  agents: AgentsView,
  audit: AuditView,
  settings: SettingsView,
};

export function App() {
  const section = useConsole((s) => s.section);
  const setSection = useConsole((s) => s.setSection);
  const connection = useConsole((s) => s.connection);
  const api = useConsole((s) => s.api);
  const refresh = useConsole((s) => s.refresh);

  useEffect(() => {
    if (!api) return;
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [api, refresh]);

  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0];
  const View = VIEWS[current.id];
  return (
    <div className="frame">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">▦</span> Portcullis
        </div>
        <StatusIndicator />
      </header>
      <nav className="sidebar" aria-label="Sections">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={s.id === section ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === section ? 'page' : undefined}
                onClick={() => setSection(s.id)}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        {connection.state === 'needs-token' ? (
          <TokenForm reason={connection.reason} />
        ) : View ? (
          <View />
        ) : (
          <PendingSection label={current.label} pending={current.pending ?? 'a later release'} />
        )}
      </main>
    </div>
  );
}
