import { describe, expect, it } from 'vitest';
import type { ModuleEvaluation, PolicyModuleMeta, RuleResult } from '../../src-shared/policy';
import { combine, orderModules } from '../../src-main/policy/combine';

function mod(id: string, over: Partial<PolicyModuleMeta> = {}, sets: Partial<Record<'deny' | 'review' | 'allow', RuleResult[]>> = {}): ModuleEvaluation {
  return {
    module: { id, package: id, scope: 'org', priority: 0, guardrail: false, shadow: false, ...over },
    deny: sets.deny ?? [],
    review: sets.review ?? [],
    allow: sets.allow ?? [],
  };
}
const r = (rule: string, extra: Partial<RuleResult> = {}): RuleResult => ({ rule, reason: `${rule} reason`, ...extra });

describe('combine', () => {
  it('orders by priority, then agent > role > org_unit > org', () => {
    const order = orderModules([
      mod('org', { scope: 'org', priority: 1 }),
      mod('agent', { scope: 'agent', priority: 1 }),
      mod('high', { scope: 'org', priority: 5 }),
      mod('role', { scope: 'role', priority: 1 }),
      mod('unit', { scope: 'org_unit', priority: 1 }),
    ]).map((e) => e.module.id);
    expect(order).toEqual(['high', 'agent', 'role', 'unit', 'org']);
  });

  it('lets the first module that yields anything decide (agent overrides org)', () => {
    const d = combine([
      mod('org-default', { scope: 'org' }, { deny: [r('org_deny')] }),
      mod('agent-policy', { scope: 'agent' }, { allow: [r('agent_allow')] }),
    ], 'allow');
    expect(d.verdict).toBe('allow');
    expect(d.decidingModule).toBe('agent-policy');
    expect(d.matches.map((m) => [m.rule, m.decided])).toEqual([['agent_allow', true], ['org_deny', false]]);
  });

  it('applies deny > review > allow inside the deciding module', () => {
    const d = combine([mod('m', {}, { allow: [r('a')], review: [r('rv')], deny: [r('dn')] })], 'allow');
    expect(d.verdict).toBe('block');
    expect(d.reason).toBe('dn: dn reason');
  });

  it('always counts guardrail deny and review', () => {
    const d = combine([
      mod('guard', { guardrail: true, priority: -10 }, { review: [r('g_review', { quorum: 2 })] }),
      mod('agent', { scope: 'agent', priority: 10 }, { allow: [r('agent_allow', { override_risk: true })] }),
    ], 'allow');
    expect(d.verdict).toBe('review');
    expect(d.source).toBe('guardrail');
    expect(d.quorum).toBe(2);
  });

  it('takes the most restrictive of policy and risk', () => {
    expect(combine([mod('m', {}, { allow: [r('a')] })], 'block').verdict).toBe('block');
    expect(combine([mod('m', {}, { allow: [r('a')] })], 'review').source).toBe('risk');
    expect(combine([mod('m', {}, { deny: [r('d')] })], 'review').verdict).toBe('block');
  });

  it('lets override_risk lower a risk review but never a risk block or a guardrail', () => {
    const allow = mod('m', {}, { allow: [r('ok', { override_risk: true })] });
    const lowered = combine([allow], 'review');
    expect(lowered.verdict).toBe('allow');
    expect(lowered.source).toBe('override');
    expect(combine([allow], 'block').verdict).toBe('block');
    const guarded = combine([mod('g', { guardrail: true }, { review: [r('gr')] }), allow], 'review');
    expect(guarded.verdict).toBe('review');
    const plain = combine([mod('m', {}, { allow: [r('ok')] })], 'review');
    expect(plain.verdict).toBe('review');
  });

  it('records shadow modules but never lets them decide', () => {
    const d = combine([
      mod('shadow', { shadow: true, priority: 100 }, { deny: [r('shadow_deny')] }),
      mod('live', {}, { allow: [r('live_allow')] }),
    ], 'allow');
    expect(d.verdict).toBe('allow');
    expect(d.matches.find((m) => m.rule === 'shadow_deny')).toMatchObject({ shadow: true, decided: false });
  });

  it('fails closed when a live module errored, but ignores shadow errors', () => {
    const broken = { ...mod('broken'), error: { code: 'eval_budget_exceeded', message: 'too slow' } };
    expect(combine([broken, mod('ok', {}, { allow: [r('a')] })], 'allow').verdict).toBe('block');
    const shadowBroken = { ...mod('sb', { shadow: true }), error: { code: 'x', message: 'y' } };
    const d = combine([shadowBroken, mod('ok', {}, { allow: [r('a')] })], 'allow');
    expect(d.verdict).toBe('allow');
    expect(d.errors).toHaveLength(1);
  });

  it('falls back to the default verdict when nothing matches', () => {
    expect(combine([mod('m')], 'allow').verdict).toBe('allow');
    expect(combine([mod('m')], 'allow', { defaultVerdict: 'review' }).verdict).toBe('review');
  });
});
