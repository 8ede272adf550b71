/** Entry kinds the product writes today. Other capabilities may add more (decision_outcome…). */
export const AUDIT_KINDS = [
  'decision',
  'decision_outcome',
  'approval',
  'policy_change',
  'agent_change',
  'setting_change',
  'key_change',
  'checkpoint',
  'erasure',
] as const;

export type KnownAuditKind = (typeof AUDIT_KINDS)[number];
export type AuditKind = KnownAuditKind | (string & {});

const KIND_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** Kinds the log writes itself: callers cannot forge them through append(). */
export const RESERVED_KINDS: ReadonlySet<string> = new Set(['key_change', 'checkpoint', 'erasure']);

export function isValidKind(kind: string): boolean {
  return KIND_PATTERN.test(kind);
}
