interface Span {
  type: string;
  start: number;
  end: number;
  path?: string;
}

/** Walks a JSON path like `$.a.b[2]` into a parsed value. */
function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.replace(/^\$/, '').match(/\.[^.[]+|\[\d+\]/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part.slice(1);
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The payload with each finding's span shown, so the approver sees exactly what was flagged. */
export function PayloadView({ payload, erased, findings }: { payload: string | undefined; erased: boolean; findings: Span[] }) {
  if (erased) return <p className="muted">The payload was erased (GDPR Art. 17); the decision record remains.</p>;
  if (payload === undefined) return <p className="muted">No payload.</p>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = payload;
  }
  return (
    <div data-testid="payload">
      <pre className="mono block">{JSON.stringify(parsed, null, 2)}</pre>
      {findings.length > 0 && (
        <ul className="findings">
          {findings.map((f) => {
            const text = f.path ? valueAt(parsed, f.path) : parsed;
            const value = typeof text === 'string' ? text : String(text ?? '');
            return (
              <li key={`${f.path}:${f.start}:${f.type}`}>
                <span className="tag">{f.type}</span> <span className="muted">{f.path ?? '$'}</span>{' '}
                <span className="mono">
                  {value.slice(Math.max(0, f.start - 12), f.start)}
                  <mark>{value.slice(f.start, f.end)}</mark>
                  {value.slice(f.end, f.end + 12)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
