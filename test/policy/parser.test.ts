import { describe, expect, it } from 'vitest';
import { RegoError } from '../../src-main/policy/errors';
import { parseModule, parseQuery } from '../../src-main/policy/parser';
import { Program } from '../../src-main/policy/program';

function parseError(src: string): RegoError {
  try {
    parseModule(src, 'p.rego');
  } catch (e) {
    if (e instanceof RegoError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('parser', () => {
  it('accepts rego.v1 and future.keywords imports', () => {
    const m = parseModule('package a.b\nimport rego.v1\nimport future.keywords.in\nimport data.x.y as z\np if true\n', 'p.rego');
    expect(m.pkg).toEqual(['a', 'b']);
    expect(m.imports.map((i) => i.alias)).toEqual([null, null, 'z']);
    expect(m.rules).toHaveLength(1);
  });

  it('reports file, line, column and what was expected', () => {
    const e = parseError('package a\n\np if {\n  x := [1, 2\n}\n');
    expect(e.code).toBe('rego_parse_error');
    expect(e.location).toEqual({ file: 'p.rego', row: 5, col: 1 });
    expect(e.message).toMatch(/^p\.rego:5:1: rego_parse_error: expected/);
  });

  it('requires a package first', () => {
    expect(parseError('p := 1').message).toContain('expected package declaration');
  });

  it('parses rule head forms', () => {
    const m = parseModule([
      'package t',
      'default p := false',
      'p if input.x',
      's contains x if some x in input.xs',
      'o[k] := v if some k, v in input.o',
      'a.b.c := 1',
      'f(x) := x + 1',
      'g(x) := "big" if x > 10 else := "small"',
    ].join('\n'), 't.rego');
    expect(m.rules.map((r) => [r.isDefault, r.args?.length ?? null, r.key !== null, r.elses.length])).toEqual([
      [true, null, false, 0], [false, null, false, 0], [false, null, true, 0], [false, null, false, 0],
      [false, null, false, 0], [false, 1, false, 0], [false, 1, false, 1],
    ]);
  });

  it('treats a newline as an expression separator but not inside brackets', () => {
    expect(parseQuery('x := [1,\n2]\ny := 3')).toHaveLength(2);
  });

  it('reads keywords used as names in refs', () => {
    const m = parseModule('package t\nif.foo := 1\np if { if.foo == 1 }\n', 't.rego');
    expect(m.rules).toHaveLength(2);
  });

  it('rejects nesting deep enough to threaten the stack', () => {
    const deep = 'package t\np := ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    expect(parseError(deep).message).toContain('nesting deeper than');
  });
});

describe('compile-time checks', () => {
  it('reports a variable that nothing binds', () => {
    expect(() => Program.compile([{ file: 'u.rego', source: 'package t\np if {\n  x > 1\n}\n' }]))
      .toThrow('u.rego:3:3: rego_unsafe_var_error: var x is unsafe');
  });

  it('reports calls to unknown functions', () => {
    expect(() => Program.compile([{ file: 'u.rego', source: 'package t\np := nope(1)\n' }]))
      .toThrow('rego_type_error: undefined function nope');
  });
});
