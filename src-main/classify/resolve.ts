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
/** Same-type spans are merged type by type, in type-name order. */
const TYPES_BY_NAME: FindingType[] = Object.values(FINDING_TYPES).flat().sort();

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const rank = (t: FindingType): number => RANK.get(t) ?? 99;
const startsBefore = (a: Span, b: Span): boolean => a.start < b.start;
const precedes = (a: Span, b: Span): boolean => a.start < b.start || (a.start === b.start && a.end < b.end);

/**
 * Lists each already in order, merged into the order a stable sort of their concatenation gives
 * (ties: the earlier list first). A string may carry a hundred spans or more, and merging costs
 * far less than comparator sorts.
 */
function mergeOrdered(lists: Span[][], before: (a: Span, b: Span) => boolean): Span[] {
  const heads = lists.map(() => 0);
  const out: Span[] = [];
  for (;;) {
    let best = -1;
    for (let l = 0; l < lists.length; l++) {
      const s = (lists[l] as Span[])[heads[l] as number];
      if (s && (best < 0 || before(s, (lists[best] as Span[])[heads[best] as number] as Span))) best = l;
    }
    if (best < 0) return out;
    out.push((lists[best] as Span[])[heads[best] as number] as Span);
    heads[best] = (heads[best] as number) + 1;
  }
}

/** Same-type spans that overlap or touch become one: per type (in name order), in text order. */
function mergeSameType(byStart: Span[]): Span[][] {
  const groups = new Map<FindingType, Span[]>();
  for (const s of byStart) {
    const group = groups.get(s.type);
    if (group) group.push(s);
    else groups.set(s.type, [s]);
  }
  const out: Span[][] = [];
  for (const type of TYPES_BY_NAME) {
    const group = groups.get(type);
    if (!group) continue;
    const merged: Span[] = [];
    for (const s of group) {
      const last = merged[merged.length - 1];
      if (last && s.start <= last.end) {
        last.end = Math.max(last.end, s.end);
        last.confidence = Math.max(last.confidence, s.confidence);
      } else {
        merged.push({ ...s });
      }
    }
    out.push(merged);
  }
  return out;
}

/** Chains of overlapping spans, in text order: only spans within one chain can conflict. */
function clusters(byStart: Span[]): Span[][] {
  const out: Span[][] = [];
  let end = -1;
  for (const s of byStart) {
    const current = out[out.length - 1];
    if (current && s.start < end) current.push(s);
    else out.push([s]);
    end = Math.max(end, s.end);
  }
  return out;
}

/**
 * The spans that stand in one chain: by priority, each unless it overlaps one already kept;
 * returned in text order (they do not overlap, so their starts differ).
 */
function choose(cluster: Span[]): Span[] {
  if (cluster.length === 1) return cluster;
  const chosen: Span[] = [];
  for (const s of cluster.sort((a, b) => rank(a.type) - rank(b.type))) {
    if (!chosen.some((k) => overlaps(k, s))) chosen.push(s);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The spans that stand, by start then end; threats are kept beside whatever they overlap. */
export function resolveSpans(spans: Span[]): Span[] {
  if (spans.length === 0) return [];
  const groups = mergeSameType(spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start));
  const threats = groups.filter((g) => THREATS.has((g[0] as Span).type));
  const kept: Span[] = [];
  for (const cluster of clusters(mergeOrdered(groups.filter((g) => !THREATS.has((g[0] as Span).type)), startsBefore))) {
    kept.push(...choose(cluster));
  }
  return mergeOrdered([kept, ...threats], precedes);
}
