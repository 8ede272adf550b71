import type { RiskFactor } from '../../../src-shared/decision';
import { EventFlag, type EventRing } from '../../baseline/event-ring';
import type { ActionFacts } from '../action-facts';
import { factor, type FactorInput } from '../factor-input';
import type { RiskSettings } from '../settings';

type PatternKind = 'sensitive_then_external' | 'delete_burst' | 'blocked_repeats' | 'privilege_after_denial' | 'fan_out';

interface Pattern {
  kind: PatternKind;
  score: number;
  explanation: string;
}

// Reused across calls (single-threaded, not re-entered) to count distinct targets without allocating.
const distinctTargets = new Set<string>();

/** Every pattern that this action completes, judged over one ring (the agent's or the session's). */
function patternsIn(ring: EventRing, scope: string, facts: ActionFacts, now: number, s: RiskSettings['sequence']): Pattern[] {
  const windowMs = s.window_seconds * 1000;
  const deleteWindowMs = s.delete_burst.window_seconds * 1000;
  const fanOutWindowMs = s.fan_out.window_seconds * 1000;
  const horizon = now - Math.max(windowMs, deleteWindowMs, fanOutWindowMs);

  let blocked = 0;
  let blockedSameAction = false;
  let sensitiveReadAge = -1;
  let deletes = 0;
  distinctTargets.clear();
  if (facts.targetKey !== '') distinctTargets.add(facts.targetKey);

  for (let i = 0; ; i++) {
    const event = ring.recent(i);
    if (event === undefined || event.at < horizon) break;
    const age = now - event.at;
    if (age <= windowMs) {
      if ((event.flags & EventFlag.BLOCKED) !== 0) {
        blocked += 1;
        if (event.tool === facts.tool && event.target === facts.targetKey) blockedSameAction = true;
      }
      if ((event.flags & EventFlag.SENSITIVE_READ) !== 0 && sensitiveReadAge < 0) sensitiveReadAge = age;
    }
    if (age <= deleteWindowMs && (event.flags & EventFlag.DELETE) !== 0) deletes += 1;
    if (age <= fanOutWindowMs && event.target !== '') distinctTargets.add(event.target);
  }

  const found: Pattern[] = [];
  if (facts.destination === 'external' && sensitiveReadAge >= 0) {
    found.push({
      kind: 'sensitive_then_external',
      score: s.sensitive_then_external,
      explanation: `external send ${Math.round(sensitiveReadAge / 1000)} s after a sensitive read in this ${scope}`,
    });
  }
  if (facts.severityClass === 'delete' && deletes + 1 >= s.delete_burst.count) {
    const burst = deletes + 1;
    found.push({
      kind: 'delete_burst',
      score: s.delete_burst.score + 5 * (burst - s.delete_burst.count),
      explanation: `burst of ${burst} deletes within ${s.delete_burst.window_seconds} s in this ${scope}`,
    });
  }
  if (blocked >= s.blocked_repeats.count) {
    found.push({
      kind: 'blocked_repeats',
      score: s.blocked_repeats.score + 10 * (blocked - s.blocked_repeats.count) + (blockedSameAction ? 10 : 0),
      explanation: `${blocked} blocked attempts within ${s.window_seconds} s in this ${scope}${blockedSameAction ? ', this one repeats a blocked action' : ''}`,
    });
  }
  if (facts.severityClass === 'privilege' && blocked > 0) {
    found.push({
      kind: 'privilege_after_denial',
      score: s.privilege_after_denial,
      explanation: `privilege change after ${blocked} denial${blocked > 1 ? 's' : ''} in this ${scope}`,
    });
  }
  if (distinctTargets.size >= s.fan_out.targets) {
    found.push({
      kind: 'fan_out',
      score: s.fan_out.score + 2 * (distinctTargets.size - s.fan_out.targets),
      explanation: `fan-out to ${distinctTargets.size} targets within ${s.fan_out.window_seconds} s in this ${scope}`,
    });
  }
  return found;
}

/**
 * Patterns across the agent's and the session's recent actions that no single action shows:
 * sensitive read then external send, delete bursts, repeated blocked attempts, privilege change
 * after denials, fan-out. The strongest pattern decides the score; the others are named.
 */
export function sequenceCorrelation({ sequence, facts, now, settings }: FactorInput): RiskFactor {
  const s = settings.raw.sequence;
  const found: Pattern[] = [];
  if (sequence.agent !== undefined) found.push(...patternsIn(sequence.agent, 'agent', facts, now, s));
  if (sequence.session !== undefined) found.push(...patternsIn(sequence.session, 'session', facts, now, s));
  if (found.length === 0) return factor(0, 'no risky pattern in recent actions');
  let strongest = found[0] as Pattern;
  for (const pattern of found) if (pattern.score > strongest.score) strongest = pattern;
  // The session ring usually repeats the agent's findings; name other kinds of pattern only.
  const others = new Set(found.map((p) => p.kind)).size - 1;
  return factor(strongest.score, others === 0 ? strongest.explanation : `${strongest.explanation} (+${others} other pattern${others > 1 ? 's' : ''})`);
}
