import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyCommands } from '../../src-main/policy/cli';

function command(name: string) {
  const c = policyCommands.find((x) => x.name === name);
  if (!c) throw new Error(`no command ${name}`);
  return c;
}

async function call(name: string, values: Record<string, string | boolean | string[] | undefined>, positionals: string[]) {
  let out = '';
  let err = '';
  const code = await command(name).run({ values, positionals }, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-policy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('policy CLI', () => {
  const dir = workspace({
    'p.rego': 'package example\nimport rego.v1\ndefault allow := false\nallow if input.user == data.admins[_]\n',
    'data.json': '{"admins": ["alice"]}',
    'in.json': '{"user": "alice"}',
    'p_test.rego': 'package example_test\nimport rego.v1\ntest_alice if data.example.allow with input as {"user": "alice"}\ntest_bob_fails if data.example.allow with input as {"user": "bob"}\n',
  });

  it('eval prints OPA\'s result shape', async () => {
    const r = await call('eval', { data: [join(dir, 'p.rego'), join(dir, 'data.json')], input: join(dir, 'in.json'), format: 'json' }, ['data.example.allow']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      result: [{ expressions: [{ value: true, text: 'data.example.allow', location: { row: 1, col: 1 } }] }],
    });
  });

  it('eval reports bindings, and {} when undefined', async () => {
    const r = await call('eval', { data: [join(dir, 'p.rego')], format: 'json' }, ['x := 1 + 1']);
    expect(JSON.parse(r.out).result[0].bindings).toEqual({ x: 2 });
    const u = await call('eval', { data: [join(dir, 'p.rego')], format: 'json' }, ['data.example.missing']);
    expect(JSON.parse(u.out)).toEqual({});
  });

  it('eval exits 1 on a parse error with the location', async () => {
    const bad = workspace({ 'bad.rego': 'package x\np if {\n' });
    const r = await call('eval', { data: [join(bad, 'bad.rego')], format: 'json' }, ['data.x.p']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.rego:\d+:\d+: rego_parse_error/);
  });

  it('policy test reports PASS/FAIL and exits 1 on failure', async () => {
    const r = await call('policy test', { verbose: true }, [dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('data.example_test.test_alice: PASS');
    expect(r.out).toContain('data.example_test.test_bob_fails: FAIL');
    expect(r.out).toContain('PASS: 1/2');
    expect(r.out).toContain('FAIL: 1/2');
  });

  it('policy lint compiles without running', async () => {
    expect((await call('policy lint', {}, [join(dir, 'p.rego')])).code).toBe(0);
    const bad = workspace({ 'bad.rego': 'package x\np := count(\n' });
    expect((await call('policy lint', {}, [bad])).code).toBe(1);
  });
});
