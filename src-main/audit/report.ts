import type { VerifyReport } from './verify-chain';

/** The lines `verify` and `verify-export` print; the first says it all. */
export function formatReport(report: VerifyReport): string[] {
  const damage = report.damage;
  if (damage) {
    if (damage.from < 0) return [`damage: ${damage.kind}: ${damage.detail}`];
    const where = damage.from === damage.to ? `at seq ${damage.from}` : `in seq ${damage.from}..${damage.to}`;
    return [`damage: ${damage.kind} ${where}: ${damage.detail}`];
  }
  const key = report.key ?? 'unknown';
  const lines = [
    report.lastCheckpoint
      ? `ok: ${report.entries} entries, last checkpoint at seq ${report.lastCheckpoint.seq} (key ${report.lastCheckpoint.key})`
      : `ok: ${report.entries} entries, no checkpoint yet (key ${key})`,
  ];
  if (report.erased > 0) lines.push(`  ${report.erased} content item(s) erased on request: reported as erased, not as tampering`);
  if (report.unanchored > 0) {
    lines.push(`  ${report.unanchored} entries after the last checkpoint are protected by the chain alone until the next one`);
  }
  return lines;
}

export function exitCode(report: VerifyReport): number {
  return report.damage ? 1 : 0;
}
