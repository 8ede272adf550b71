import { FINDING_TYPES, type FindingType } from '../../src-shared/decision';
import type { Span } from './types';

/**
 * Which of two overlapping non-threat spans stands (classification.md rule 5): a vendor token
 * beats the URL credential holding it, a connection string swallows the password, email and IP
 * inside it, checksum-validated numbers beat context-only ones.
 */
const PRIORITY: FindingType[] = [
  'PRIVATE_KEY', 'AWS_ACCESS_KEY', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'SLACK_TOKEN', 'STRIPE_KEY', 'OPENAI_KEY',
  'ANTHROPIC_KEY', 'JWT', 'CONNECTION_STRING', 'AWS_SECRET_KEY', 'CREDIT_CARD', 'IBAN', 'US_BANK_ROUTING', 'NPI',
  'US_SSN', 'EMAIL', 'IP_ADDRESS', 'PASSWORD', 'GENERIC_SECRET', 'SWIFT_BIC', 'MEDICAL_RECORD', 'PASSPORT',
  'ICD10_CODE', 'DATE_OF_BIRTH', 'BANK_ACCOUNT', 'PHONE', 'STREET_ADDRESS',
];
const RANK = new Map<FindingType, number>(PRIORITY.map((t, i) => [t, i]));
const THREATS = new Set<FindingType>(FINDING_TYPES.THREAT);

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Same-type spans that overlap or touch become one. */
function mergeSameType(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.start - b.start));
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && last.type === s.type && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      last.confidence = Math.max(last.confidence, s.confidence);
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

/** Chains of overlapping spans, in text order: only spans within one chain can conflict. */
function clusters(spans: Span[]): Span[][] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[][] = [];
  let end = -1;
  for (const s of sorted) {
    const current = out[out.length - 1];
    if (current && s.start < end) current.push(s);
    else out.push([s]);
    end = Math.max(end, s.end);
  }
  return out;
}

export function resolveSpans(spans: Span[]): Span[] {
  const merged = mergeSameType(spans.filter((s) => s.end > s.start));
  const kept: Span[] = [];
  for (const cluster of clusters(merged.filter((s) => !THREATS.has(s.type)))) {
    const chosen: Span[] = [];
    for (const s of cluster.sort((a, b) => (RANK.get(a.type) ?? 99) - (RANK.get(b.type) ?? 99))) {
      if (!chosen.some((k) => overlaps(k, s))) chosen.push(s);
    }
    kept.push(...chosen);
  }
  return [...kept, ...merged.filter((s) => THREATS.has(s.type))].sort((a, b) => a.start - b.start || a.end - b.end);
}
