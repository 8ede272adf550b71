import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { policyCommands } from '../../src-main/policy/cli';

const POLICIES = fileURLToPath(new URL('../../resources/policies', import.meta.url));

describe('starter policy library', () => {
  it('passes all of its own test_ rules', async () => {
    const cmd = policyCommands.find((c) => c.name === 'policy test')!;
    let out = '';
    const code = await cmd.run({ values: { verbose: true }, positionals: [POLICIES] }, { stdout: (t) => { out += t; }, stderr: (t) => { out += t; } });
    expect(out).not.toContain('FAIL');
    expect(out).not.toContain('ERROR');
    expect(out).toMatch(/PASS: (\d+)\/\1/);
    expect(code).toBe(0);
  });
});
