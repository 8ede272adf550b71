import { describe, expect, it } from 'vitest';
import type { Action } from '../../src-shared/action';
import { agent, pipeline, TUESDAY_10_UTC } from './fixtures';

const action: Action = { type: 'tool_call', tool: 'crm.lookup', verb: 'READ', target: { url: 'https://CRM.internal/api' } };

describe('recordOutcome', () => {
  it('teaches the baseline from allowed actions, in the window’s time zone', () => {
    const p = pipeline({ agent: agent({ window: 'Mon-Fri 08:00-18:00 Asia/Kolkata' }) });
    p.act(action, { at: TUESDAY_10_UTC, verdict: 'allow' }); // 15:30 in Kolkata
    const baseline = p.baselines.get('agent-1');
    expect(baseline.observations).toBe(1);
    expect(baseline.tools.get('crm.lookup')).toBe(1);
    expect(baseline.verbs.get('read')).toBe(1);
    expect(baseline.targets.get('crm.internal')).toBe(1);
    expect(baseline.types.get('tool_call')).toBe(1);
    expect(baseline.hours[15]).toBe(1);
  });

  it('records blocked and reviewed actions in the sequence state but not in the baseline', () => {
    const p = pipeline();
    p.act(action, { at: TUESDAY_10_UTC, session: 's', verdict: 'block' });
    p.act(action, { at: TUESDAY_10_UTC + 1000, session: 's', verdict: 'review' });
    expect(p.baselines.get('agent-1').observations).toBe(0);
    const view = p.sequence.view('agent-1', 's');
    expect(view.agent?.size).toBe(2);
    expect(view.session?.size).toBe(2);
    expect(view.agent?.recent(1)).toMatchObject({ at: TUESDAY_10_UTC, tool: 'crm.lookup', target: 'crm.internal' });
  });

  it('treats an empty agent window as no window', () => {
    const p = pipeline({ agent: agent({ window: '' }) });
    expect(p.act(action, { at: TUESDAY_10_UTC }).factors.temporal_deviation.explanation).toContain('no operating window');
  });
});
