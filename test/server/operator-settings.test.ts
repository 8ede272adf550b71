import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluateResponse } from '../../src-shared/agent-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { startService, type Service } from '../../src-main/server/service';
import { agentCall } from '../support/agent-client';

let dir: string;
let service: Service;
const api = () => createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-settings-'));
  service = await startService({ dataDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('risk settings over the operator API', () => {
  it('a change is audited once with every changed key, takes effect, and survives a restart', async () => {
    const before = (await api().getRiskSettings()) as { thresholds: { review_at: number } };
    expect(before.thresholds.review_at).toBe(60);
    await api().updateRiskSettings({ thresholds: { review_at: 5 }, severity: { tools: { 'crm.lookup': 40 } } });
    const entries = service.engine.store.db.prepare("SELECT body FROM audit_entries WHERE kind = 'setting_change'").pluck().all() as string[];
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!)).toMatchObject({
      setting: 'risk',
      actor: 'operator',
      changes: expect.arrayContaining([
        { key: 'thresholds.review_at', old: 60, new: 5 },
        { key: 'severity.tools["crm.lookup"]', old: null, new: 40 },
      ]),
    });
    const key = service.engine.agents.add({ name: 'crm', role: 'support' }, 'test').key;
    const answer = (await agentCall(service.url, key, '/v1/evaluate', { action: { type: 'tool_call', tool: 'crm.lookup', verb: 'read' } })).json() as EvaluateResponse;
    expect(answer.risk.factors.action_severity).toBe(40);
    expect(answer.decision).toBe('review');

    await service.close();
    service = await startService({ dataDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
    const after = (await api().getRiskSettings()) as { thresholds: { review_at: number } };
    expect(after.thresholds.review_at).toBe(5);
  });

  it('an invalid change is refused whole, with the reason, and nothing is audited', async () => {
    const count = () => service.engine.store.db.prepare("SELECT COUNT(*) FROM audit_entries WHERE kind = 'setting_change'").pluck().get();
    const before = count();
    await expect(api().updateRiskSettings({ thresholds: { review_at: 99 } })).rejects.toMatchObject({
      code: 'invalid_settings',
      message: expect.stringContaining('review_at (99) must not exceed block_at'),
    });
    expect(count()).toBe(before);
  });
});
