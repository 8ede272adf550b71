import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluateResponse } from '../../src-shared/agent-api';
import type { OperatorApi } from '../../src-shared/operator-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { startService, type Service } from '../../src-main/server/service';
import { agentCall } from '../support/agent-client';

let dir: string;
let service: Service;
let api: OperatorApi;

const NO_SHELL = `package acme.support_no_shell

import rego.v1

deny contains {"rule": "support_no_shell", "reason": "support agents do not run shell commands"} if {
	input.action.type == "shell"
}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-policies-'));
  service = await startService({ dataDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
  api = createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('policy library over the operator API', () => {
  it('starts with the starter library, audited as policy changes', async () => {
    const { modules, dataVersion } = await api.listPolicies();
    expect(modules.map((m) => m.id).sort()).toEqual(['bulk-delete', 'credentials', 'finance-limit', 'operating-window', 'pii-external', 'privilege']);
    expect(modules.filter((m) => m.guardrail).map((m) => m.id).sort()).toEqual(['credentials', 'operating-window', 'pii-external', 'privilege']);
    expect(dataVersion).toBe(1);
    const changes = service.engine.store.db.prepare("SELECT COUNT(*) FROM audit_entries WHERE kind = 'policy_change'").pluck().get();
    expect(changes).toBe(7);
  });

  it('publishes a role-scoped module that then decides for that role only', async () => {
    const published = await api.publishPolicy({ id: 'support-no-shell', name: 'Support agents run no shell', scope: 'role', scopeValue: 'support', source: NO_SHELL });
    expect(published).toMatchObject({ version: 1, package: 'acme.support_no_shell', author: 'operator' });
    const support = service.engine.agents.add({ name: 'helpdesk', role: 'support' }, 'test').key;
    const ops = service.engine.agents.add({ name: 'runner', role: 'ops' }, 'test').key;
    const shell = { action: { type: 'shell', tool: 'bash', verb: 'execute', payload: { command: 'ls -la /srv/app' } } };
    const bySupport = (await agentCall(service.url, support, '/v1/evaluate', shell)).json() as EvaluateResponse;
    expect(bySupport.decision).toBe('block');
    expect(bySupport.matched_rules).toContainEqual(expect.objectContaining({ module: 'support-no-shell', scope: 'role', rule: 'support_no_shell' }));
    const byOps = (await agentCall(service.url, ops, '/v1/evaluate', shell)).json() as EvaluateResponse;
    expect(byOps.matched_rules.map((m) => m.module)).not.toContain('support-no-shell');
  });

  it('keeps every version and records the diff', async () => {
    const v2 = await api.publishPolicy({
      id: 'support-no-shell',
      name: 'Support agents run no shell',
      scope: 'role',
      scopeValue: 'support',
      source: NO_SHELL.replace('do not run shell commands', 'never run shell commands'),
    });
    expect(v2.version).toBe(2);
    const history = await api.policyHistory('support-no-shell');
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    const last = JSON.parse(
      service.engine.store.db.prepare("SELECT body FROM audit_entries WHERE kind = 'policy_change' ORDER BY seq DESC LIMIT 1").pluck().get() as string,
    );
    expect(last).toMatchObject({ action: 'publish', id: 'support-no-shell', version: 2, actor: 'operator' });
    expect(last.diff).toContain('-deny contains {"rule": "support_no_shell", "reason": "support agents do not run shell commands"}');
    expect(last.diff).toContain('+deny contains {"rule": "support_no_shell", "reason": "support agents never run shell commands"}');
  });

  it('refuses a module that does not compile, naming file:line:col, and keeps the old one active', async () => {
    const broken = api.publishPolicy({ id: 'support-no-shell', name: 'x', scope: 'role', scopeValue: 'support', source: 'package acme.support_no_shell\n\ndeny contains x if {\n  input.action.type ==\n}\n' });
    await expect(broken).rejects.toMatchObject({ code: 'invalid_policy', message: expect.stringMatching(/support-no-shell\.rego:\d+:\d+/) });
    expect((await api.policyHistory('support-no-shell')).length).toBe(2);
  });

  it('refuses a second module in the same package, a scope without its value, and a scoped guardrail', async () => {
    await expect(api.publishPolicy({ id: 'other', name: 'x', scope: 'org', source: NO_SHELL })).rejects.toMatchObject({ code: 'policy_conflict' });
    await expect(api.publishPolicy({ id: 'other', name: 'x', scope: 'role', source: NO_SHELL })).rejects.toMatchObject({ code: 'invalid_arguments' });
    await expect(
      api.publishPolicy({ id: 'other', name: 'x', scope: 'role', scopeValue: 'ops', guardrail: true, source: NO_SHELL.replace('support_no_shell', 'other') }),
    ).rejects.toMatchObject({ code: 'invalid_arguments' });
  });

  it('retires a module: it stops deciding, its history stays', async () => {
    const retired = await api.retirePolicy('support-no-shell');
    expect(retired).toMatchObject({ version: 3, retired: true });
    expect((await api.listPolicies()).modules.map((m) => m.id)).not.toContain('support-no-shell');
    const key = service.engine.agents.add({ name: 'helpdesk-2', role: 'support' }, 'test').key;
    const answer = (await agentCall(service.url, key, '/v1/evaluate', { action: { type: 'shell', tool: 'bash', payload: { command: 'uptime' } } })).json() as EvaluateResponse;
    expect(answer.matched_rules.map((m) => m.module)).not.toContain('support-no-shell');
    await expect(api.retirePolicy('support-no-shell')).rejects.toMatchObject({ code: 'policy_not_found' });
  });

  it('the library survives a restart', async () => {
    const before = (await api.listPolicies()).modules.map((m) => `${m.id}@${m.version}`);
    await service.close();
    service = await startService({ dataDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
    api = createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });
    expect((await api.listPolicies()).modules.map((m) => `${m.id}@${m.version}`)).toEqual(before);
  });
});
