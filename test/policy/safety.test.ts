import { describe, expect, it } from 'vitest';
import type { PolicyModuleMeta } from '../../src-shared/policy';
import { combine } from '../../src-main/policy/combine';
import { PolicyEngine } from '../../src-main/policy/engine';
import { run } from './helpers';

const meta: PolicyModuleMeta = { id: 'hostile', package: 'hostile', scope: 'org', priority: 0, guardrail: false, shadow: false };

describe('hostile policies', () => {
  it('stops a huge comprehension with a structured budget error', () => {
    const src = 'package t\np := count([x | some a in numbers.range(1, 2000); some b in numbers.range(1, 2000); x := a * b])\n';
    const r = run(src, 'x = data.t.p', { limits: { maxSteps: 50_000 } });
    expect(r.error?.code).toBe('eval_budget_exceeded');
  });

  it('stops on the time budget even when the step budget is large', () => {
    const src = 'package t\np := count([x | some a in numbers.range(1, 3000); some b in numbers.range(1, 3000); x := a + b])\n';
    const r = run(src, 'x = data.t.p', { limits: { maxSteps: Number.MAX_SAFE_INTEGER, timeoutMs: 20 } });
    expect(r.error?.code).toBe('eval_budget_exceeded');
    expect(r.error?.message).toContain('time budget');
  });

  it('reports recursive rules and functions instead of overflowing the stack', () => {
    const rules = run('package t\np := q\nq := p\n', 'x = data.t.p');
    expect(rules.error?.code).toBe('rego_recursion_error');
    const fns = run('package t\nf(x) := g(x)\ng(x) := f(x)\np := f(1)\n', 'x = data.t.p');
    expect(fns.error?.code).toBe('rego_recursion_error');
  });

  it('refuses ranges too large to materialize', () => {
    const r = run('package t\np := numbers.range(1, 1e12)\n', 'x = data.t.p', { strict: true });
    expect(r.error?.code).toBe('eval_builtin_error');
  });

  it('matches a catastrophic-backtracking regex in linear time', () => {
    const src = `package t\np := regex.match("^(a+)+$", concat("", [s | some _ in numbers.range(1, 5000); s := "a"]) + "!")\n`;
    const r = run(src.replace(' + "!"', ''), 'x = data.t.p');
    expect(r.error).toBeUndefined();
    expect(r.rows[0]?.['x']).toBe(true);
  });

  it('turns an engine failure into a fail-closed block through the combiner', () => {
    const engine = PolicyEngine.compile([{
      file: 'hostile.rego',
      source: 'package hostile\ndeny contains {"rule": "r", "reason": "x"} if { count([x | some a in numbers.range(1, 100000); x := a]) > 0 }\n',
    }]);
    const evals = engine.evaluateModules([meta], {}, { maxSteps: 1_000, timeoutMs: 1_000 });
    expect(evals[0]!.error?.code).toBe('eval_budget_exceeded');
    const decision = combine(evals, 'allow');
    expect(decision.verdict).toBe('block');
    expect(decision.source).toBe('error');
  });
});

describe('hostile input', () => {
  it('fails closed on input nested deeper than the stack allows', () => {
    const engine = PolicyEngine.compile([{ file: 'p.rego', source: 'package hostile\nallow contains {"rule": "a", "reason": "b"}\n' }]);
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const evals = engine.evaluateModules([meta], { deep });
    expect(evals[0]!.error).toBeDefined();
    expect(combine(evals, 'allow').verdict).toBe('block');
  });
});

describe('deep rule chains', () => {
  it('turns a stack overflow from a long chain of rules into a structured error', () => {
    const n = 2000;
    const src = ['package t', ...Array.from({ length: n }, (_, i) => `p${i} := p${i + 1} + 1`), `p${n} := 0`].join('\n');
    const r = run(src, 'x = data.t.p0');
    expect(r.error?.code).toBe('eval_budget_exceeded');
    // The process keeps working afterwards.
    expect(run('package t\np := 1\n', 'x = data.t.p').rows).toEqual([{ x: 1 }]);
  });
});
