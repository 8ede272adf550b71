import { useState, type FormEvent } from 'react';
import { useConsole } from '../console-context';

/** Web console sign-in with the operator token printed by `portcullis serve`. */
export function TokenForm({ reason }: { reason: string | undefined }) {
  const submitToken = useConsole((s) => s.submitToken);
  const [token, setToken] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) void submitToken(token.trim());
  };
  return (
    <section className="panel narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Operator sign-in</h1>
      <p className="muted">
        Open the console URL that <code>portcullis serve</code> printed, or paste the operator token from the
        data directory&apos;s <code>operator-token</code> file.
      </p>
      {reason && (
        <p className="alert" role="alert">
          {reason}
        </p>
      )}
      <form onSubmit={onSubmit}>
        <label htmlFor="token">Operator token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}
