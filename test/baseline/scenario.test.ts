/**
 * An agent's normal working week, generated deterministically, then a day of the same normal
 * traffic mixed with anomalies. The anomalies must stand out; the normal traffic must not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../src-shared/action';
import { AgentBaseline, isLearning } from '../../src-main/baseline/agent-baseline';
import { assessRisk } from '../../src-main/risk/assess';
import { DEFAULT_RISK_SETTINGS } from '../../src-main/risk/settings';
import { agent, pipeline, seededRandom } from '../risk/fixtures';

const supportAgent = agent({ id: 'support-7', window: 'Mon-Fri 08:00-18:00 Europe/Berlin' });
const NORMAL: Action[] = [
  { type: 'tool_call', tool: 'crm.lookup', verb: 'read', target: { host: 'crm.internal', resource: 'tickets' } },
  { type: 'tool_call', tool: 'kb.search', verb: 'search', target: { host: 'kb.internal' } },
  { type: 'tool_call', tool: 'ticket.update', verb: 'update', target: { host: 'crm.internal', resource: 'tickets' } },
  { type: 'email', tool: 'email.send', verb: 'send', target: { host: 'smtp.internal' } },
];
const WEIGHTS = [0.45, 0.25, 0.2, 0.1];

function pick(random: () => number): Action {
  let r = random();
  for (let i = 0; i < NORMAL.length; i++) {
    r -= WEIGHTS[i] ?? 0;
    if (r <= 0) return NORMAL[i] as Action;
  }
  return NORMAL[0] as Action;
}

/** Local Berlin 08:00–18:00 on a winter weekday is 07:00–17:00 UTC. */
function workday(dayStartUtc: number, random: () => number, each: (action: Action, at: number) => void): void {
  for (let at = dayStartUtc + 7 * 3_600_000 + 300_000; at < dayStartUtc + 17 * 3_600_000 - 600_000; at += (60 + random() * 420) * 1000) {
    each(pick(random), Math.round(at));
  }
}

const MONDAY = Date.parse('2026-11-02T00:00:00Z');
const NEXT_MONDAY = Date.parse('2026-11-09T00:00:00Z');
const DAY = 86_400_000;

describe('baseline scenario: a normal week, then anomalies', () => {
  const p = pipeline({ agent: supportAgent });
  const random = seededRandom(20261102);
  const normalScores: number[] = [];

  beforeAll(() => {
    for (let day = 0; day < 5; day++) workday(MONDAY + day * DAY, random, (action, at) => p.act(action, { at, session: `day-${day}` }));
    workday(NEXT_MONDAY, random, (action, at) => normalScores.push(p.act(action, { at, session: 'monday' }).score));
  });

  it('has learned after the week', () => {
    const baseline = p.baselines.get(supportAgent.id);
    expect(baseline.observations).toBeGreaterThan(500);
    expect(isLearning(baseline, { minObservations: DEFAULT_RISK_SETTINGS.baseline.min_observations, minSpanHours: DEFAULT_RISK_SETTINGS.baseline.min_span_hours })).toBe(false);
  });

  it('keeps normal traffic low', () => {
    expect(normalScores.length).toBeGreaterThan(100);
    expect(Math.max(...normalScores)).toBeLessThan(30);
    expect(normalScores.filter((score) => score >= DEFAULT_RISK_SETTINGS.thresholds.review_at)).toEqual([]);
  });

  const tuesday = (hhmmUtc: string): number => Date.parse(`2026-11-10T${hhmmUtc}:00Z`);

  it('scores a never-used tool above all normal traffic', () => {
    const result = p.act({ type: 'shell', tool: 'shell.exec', verb: 'exec', target: { host: 'crm.internal' } }, { at: tuesday('09:00'), verdict: 'allow' });
    expect(result.score).toBeGreaterThan(Math.max(...normalScores));
    expect(result.factors.behavioral_deviation.explanation).toContain("new tool 'shell.exec'");
  });

  it('scores 3 a.m. activity above all normal traffic', () => {
    const result = p.act(NORMAL[0] as Action, { at: tuesday('02:00'), verdict: 'allow' }); // 03:00 in Berlin
    expect(result.score).toBeGreaterThan(Math.max(...normalScores));
    expect(result.factors.temporal_deviation.explanation).toContain('outside window');
    expect(result.factors.temporal_deviation.explanation).toContain('unusual hour');
  });

  it('scores a rate spike above all normal traffic', () => {
    let last = 0;
    for (let i = 0; i < 40; i++) last = p.act(NORMAL[0] as Action, { at: tuesday('10:00') + i * 1000, verdict: 'allow' }).score;
    expect(last).toBeGreaterThan(Math.max(...normalScores));
  });

  it('scores an external target above all normal traffic', () => {
    const result = p.act({ type: 'email', tool: 'email.send', verb: 'send', target: { host: 'smtp.mail-relay.io' } }, { at: tuesday('11:00') });
    expect(result.score).toBeGreaterThan(Math.max(...normalScores));
    expect(result.factors.environment.explanation).toContain('external host smtp.mail-relay.io');
    expect(result.factors.behavioral_deviation.explanation).toContain("new target 'smtp.mail-relay.io'");
  });

  it('judges identically after a restart from the persisted snapshot', () => {
    const live = p.baselines.get(supportAgent.id);
    const restored = AgentBaseline.fromSnapshot(JSON.parse(JSON.stringify(live.toSnapshot())), DEFAULT_RISK_SETTINGS.baseline.max_keys);
    const at = tuesday('13:00');
    for (const action of [...NORMAL, { type: 'shell', tool: 'shell.exec', verb: 'exec' }]) {
      const input = { agent: supportAgent, action, findings: [], now: at, settings: DEFAULT_RISK_SETTINGS };
      expect(assessRisk({ ...input, baseline: restored })).toEqual(assessRisk({ ...input, baseline: live }));
    }
  });
});
