import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../src-main/policy/files';
import { Program } from '../../src-main/policy/program';
import { fromJSON } from '../../src-main/policy/value';
import { run, value } from './helpers';

describe('evaluation semantics', () => {
  it('distinguishes undefined from false', () => {
    const src = 'package t\np if input.x == 1\ndefault q := false\nq if input.x == 1\n';
    expect(run(src, 'x = data.t.p', { input: { x: 2 } }).rows).toEqual([]);
    expect(value(src, 'x = data.t.q', { input: { x: 2 } })).toBe(false);
    expect(value(src, 'x = data.t.q', { input: { x: 1 } })).toBe(true);
  });

  it('builds partial sets and objects, including ref heads', () => {
    const src = [
      'package t',
      's contains x if { some x in input.xs; x > 1 }',
      'o[k] := v if some k, v in input.o',
      'a.b[k] := true if some k in input.xs',
    ].join('\n');
    const input = { xs: [1, 2, 3], o: { a: 1 } };
    expect(value(src, 'x = data.t.s', { input })).toEqual([2, 3]);
    expect(value(src, 'x = data.t.o', { input })).toEqual({ a: 1 });
    expect(value(src, 'x = data.t.a', { input })).toEqual({ b: { '1': true, '2': true, '3': true } });
  });

  it('merges virtual and base documents under data', () => {
    const src = 'package t\np := 1\n';
    expect(value(src, 'x = data.t', { data: { t: { base: 2 } } })).toEqual({ base: 2, p: 1 });
  });

  it('raises eval_conflict_error for a complete rule with two values', () => {
    const r = run('package t\np := 1 if input.a\np := 2 if input.b\n', 'x = data.t.p', { input: { a: true, b: true } });
    expect(r.error?.code).toBe('eval_conflict_error');
  });

  it('runs functions with several definitions, else and default', () => {
    const src = [
      'package t',
      'size(n) := "big" if n > 100',
      'size(n) := "small" if n <= 100',
      'grade(n) := "a" if n > 90 else := "b" if n > 80 else := "c"',
    ].join('\n');
    expect(value(src, 'x = [data.t.size(5), data.t.size(500)]')).toEqual(['small', 'big']);
    expect(value(src, 'x = [data.t.grade(95), data.t.grade(85), data.t.grade(1)]')).toEqual(['a', 'b', 'c']);
  });

  it('handles some/every/in, not and comprehensions', () => {
    const src = [
      'package t',
      'all_pos if every x in input.xs { x > 0 }',
      'has_two if 2 in input.xs',
      'no_zero if not 0 in input.xs',
      'doubled := [y | some x in input.xs; y := x * 2]',
      'byname := {k: count(v) | some k, v in input.groups}',
    ].join('\n');
    const input = { xs: [1, 2, 3], groups: { a: [1], b: [1, 2] } };
    expect(run(src, 'data.t.all_pos; data.t.has_two; data.t.no_zero', { input }).rows).toHaveLength(1);
    expect(value(src, 'x = data.t.doubled', { input })).toEqual([2, 4, 6]);
    expect(value(src, 'x = data.t.byname', { input })).toEqual({ a: 1, b: 2 });
    expect(run(src, 'data.t.all_pos', { input: { xs: [1, -1] } }).rows).toEqual([]);
  });

  it('replaces input, data and builtins with `with`', () => {
    const src = [
      'package t',
      'p := input.x',
      'q := data.cfg.limit',
      'n := count([1, 2, 3])',
      'mock_count(_) := 42',
    ].join('\n');
    expect(value(src, 'x = data.t.p with input.x as 7')).toBe(7);
    expect(value(src, 'x = data.t.q with data.cfg.limit as 5', { data: { cfg: { limit: 1 } } })).toBe(5);
    expect(value(src, 'x = data.t.n with count as data.t.mock_count')).toBe(42);
    expect(value(src, 'x = data.t.n with count as 9')).toBe(9);
  });

  it('records builtin errors as undefined, or reports them under strict mode', () => {
    const src = 'package t\np := 1 / 0\n';
    expect(run(src, 'x = data.t.p').rows).toEqual([]);
    const strict = run(src, 'x = data.t.p', { strict: true });
    expect(strict.error?.code).toBe('eval_builtin_error');
    expect(strict.error?.message).toBe('policy.rego:2: eval_builtin_error: div: divide by zero');
  });

  it('raises eval_type_error for bad operands in strict mode', () => {
    const r = run('package t\np := count(5)\n', 'x = data.t.p', { strict: true });
    expect(r.error?.code).toBe('eval_type_error');
  });

  it('uses RE2 regular expressions and Go sprintf verbs', () => {
    expect(value('package t', 'x = regex.match(`^a+\\d{2}$`, "aaa12")')).toBe(true);
    expect(value('package t', 'x = sprintf("%s has %d items: %v", ["cart", 3, {"a"}])')).toBe('cart has 3 items: {"a"}');
    expect(value('package t', 'x = sprintf("%.2f|%5s|%-3d|", [3.14159, "ab", 7])')).toBe('3.14|   ab|7  |');
  });

  it('matches globs with delimiters', () => {
    expect(value('package t', 'x = glob.match("*.example.com", ["."], "api.example.com")')).toBe(true);
    expect(value('package t', 'x = glob.match("*.example.com", ["."], "a.b.example.com")')).toBe(false);
    expect(value('package t', 'x = glob.match("**.example.com", ["."], "a.b.example.com")')).toBe(true);
  });

  it('only evaluates rule definitions the index selects, with the same results', () => {
    const rules = Array.from({ length: 20 }, (_, i) => `deny contains "r${i}" if input.tool == "t${i}"`).join('\n');
    const src = `package t\n${rules}\ndeny contains "any" if input.always\n`;
    expect(value(src, 'x = data.t.deny', { input: { tool: 't7' } })).toEqual(['r7']);
    expect(value(src, 'x = data.t.deny', { input: { tool: 't7', always: true } })).toEqual(['any', 'r7']);
    expect(value(src, 'x = data.t.deny', { input: { tool: 'none' } })).toEqual([]);
  });

  it('does not run definitions whose indexed guard cannot match', () => {
    const rules = Array.from({ length: 500 }, (_, i) => `deny contains "r${i}" if { input.tool == "t${i}"; input.ok }`).join('\n');
    // 500 definitions would need well over 100 steps if each body ran.
    const r = run(`package t\n${rules}\n`, 'x = data.t.deny', { input: { tool: 't42', ok: true }, limits: { maxSteps: 100 } });
    expect(r.error).toBeUndefined();
    expect(r.rows[0]?.['x']).toEqual(['r42']);
  });

  it('interpolates template strings and prints through the print hook', () => {
    expect(value('package t\np := $"hello {input.name}, {count(input.xs)} items"\n', 'x = data.t.p', { input: { name: 'ada', xs: [1, 2] } }))
      .toBe('hello ada, 2 items');
    const program = Program.compile([{ file: 'p.rego', source: 'package t\np if { print("checking", input.user, input.missing) }\n' }]);
    const lines: string[] = [];
    const r = program.evaluate(program.prepareQuery('data.t.p'), { input: fromJSON({ user: 'bob' }), print: (l) => lines.push(l) });
    expect(r.rows).toHaveLength(1);
    expect(lines).toEqual(['checking bob <undefined>']);
  });

  it('lets a default rule coexist with the rule kind that follows it', () => {
    const src = 'package t\ndefault f(_) := "none"\nf(x) := "big" if x > 10\n';
    expect(value(src, 'x = [data.t.f(1), data.t.f(11)]')).toEqual(['none', 'big']);
  });
});

describe('"__proto__" is an ordinary key', () => {
  it('in input, in results and in data files, and never reaches Object.prototype', () => {
    const src = 'package t\nkeys := {k | some k, _ in input}\nechoed := input\n';
    const input = JSON.parse('{"__proto__": {"admin": true}, "constructor": 1}') as unknown;
    expect(value(src, 'x = data.t.keys', { input })).toEqual(['__proto__', 'constructor']);
    const echoed = value(src, 'x = data.t.echoed', { input }) as Record<string, unknown>;
    expect(Object.keys(echoed)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(echoed)).toBe('{"__proto__":{"admin":true},"constructor":1}');

    const dir = mkdtempSync(join(tmpdir(), 'portcullis-proto-'));
    try {
      writeFileSync(join(dir, 'a.json'), '{"__proto__": {"polluted": true}, "cfg": {"__proto__": {"deep": true}}}');
      writeFileSync(join(dir, 'b.json'), '{"__proto__": {"more": 1}}');
      const { data } = loadPolicies([dir]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).deep).toBeUndefined();
      expect(JSON.stringify(data)).toBe('{"__proto__":{"polluted":true,"more":1},"cfg":{"__proto__":{"deep":true}}}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
