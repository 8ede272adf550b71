export function PendingSection({ label, pending }: { label: string; pending: string }) {
  return (
    <section className="panel" aria-labelledby="section-title">
      <h1 id="section-title">{label}</h1>
      <p className="muted">Not available in this build yet: this section arrives with {pending}.</p>
    </section>
  );
}
