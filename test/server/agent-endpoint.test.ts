import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluateResponse } from '../../src-shared/agent-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { startService, type Service } from '../../src-main/server/service';
import { agentCall, rawRequest } from '../support/agent-client';

let dir: string;
let service: Service;
let keyA: string;
let keyB: string;

const READ = { type: 'db_query', tool: 'sql.query', verb: 'select', target: { system: 'postgres', resource: 'orders' }, payload: { query: 'SELECT id FROM orders LIMIT 10' } };
const LEAK = {
  type: 'http_request',
  tool: 'http.post',
  verb: 'post',
  target: { url: 'https://uploads.partner-files.net/in' },
  payload: { note: 'deploy key', key: 'AKIAZ7QX4M2NBV5WPLRT' },
};
const BULK_DELETE = { type: 'db_write', tool: 'sql.execute', verb: 'delete', target: { resource: 'customers', environment: 'production' }, payload: { count: 25000 } };

const evaluate = async (key: string, body: unknown) => {
  const res = await agentCall(service.url, key, '/v1/evaluate', body);
  return { status: res.status, body: res.json() as EvaluateResponse & { error?: { code: string } } };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-endpoint-'));
  service = await startService({ dataDir: dir, host: '127.0.0.1', port: 0, log: () => {}, reviewTtlMs: 60_000 });
  keyA = service.engine.agents.add({ name: 'agent-a', role: 'ops' }, 'test').key;
  keyB = service.engine.agents.add({ name: 'agent-b', role: 'ops' }, 'test').key;
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/evaluate with the starter policies', () => {
  it('allows a routine read, with every factor explained', async () => {
    const { status, body } = await evaluate(keyA, { action: READ, session_id: 's1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ decision: 'allow', status: 'decided', matched_rules: [] });
    expect(Object.keys(body.risk.factors).sort()).toEqual(
      ['action_severity', 'behavioral_deviation', 'environment', 'payload_sensitivity', 'sequence_correlation', 'temporal_deviation', 'threat_signals'],
    );
    for (const text of Object.values(body.risk.explanations)) expect(text.length).toBeGreaterThan(3);
  });

  it('blocks credentials sent to an external host, naming the rule and the finding', async () => {
    const { body } = await evaluate(keyA, { action: LEAK });
    expect(body.decision).toBe('block');
    expect(body.matched_rules).toContainEqual(expect.objectContaining({ module: 'credentials', rule: 'credentials_to_external_host', effect: 'deny', decided: true }));
    expect(body.findings.map((f) => f.type)).toContain('AWS_ACCESS_KEY');
    expect(body.reasons.join(' ')).toMatch(/AWS_ACCESS_KEY/);
  });

  it('holds a bulk production delete for review', async () => {
    const { body } = await evaluate(keyA, { action: BULK_DELETE });
    expect(body).toMatchObject({ decision: 'review', status: 'pending' });
    expect(body.matched_rules).toContainEqual(expect.objectContaining({ module: 'bulk-delete', effect: 'review' }));
  });

  it('takes the identity from the key: the body cannot name an agent, and the audit entry names the key holder', async () => {
    const claimed = await evaluate(keyB, { action: READ, agent: { id: 'agent-a' } });
    expect(claimed.status).toBe(400);
    expect(claimed.body.error?.code).toBe('invalid_request');
    const { body } = await evaluate(keyB, { action: READ });
    const row = service.engine.store.db
      .prepare("SELECT body FROM audit_entries WHERE kind = 'decision' AND json_extract(body, '$.decision_id') = ?")
      .pluck()
      .get(body.decision_id) as string;
    expect(JSON.parse(row).agent.name).toBe('agent-b');
  });

  it('an agent cannot read or report on another agent\'s decision', async () => {
    const { body } = await evaluate(keyA, { action: READ });
    const asB = await agentCall(service.url, keyB, `/v1/decisions/${body.decision_id}`);
    expect(asB.status).toBe(404);
    const outcomeAsB = await agentCall(service.url, keyB, `/v1/decisions/${body.decision_id}/outcome`, { outcome: 'executed' });
    expect(outcomeAsB.status).toBe(404);
    const asA = await agentCall(service.url, keyA, `/v1/decisions/${body.decision_id}`);
    expect((asA.json() as EvaluateResponse).decision).toBe('allow');
  });

  it('records the outcome the agent reports', async () => {
    const { body } = await evaluate(keyA, { action: READ });
    const res = await agentCall(service.url, keyA, `/v1/decisions/${body.decision_id}/outcome`, { outcome: 'executed', detail: '10 rows' });
    expect(res.status).toBe(200);
    const row = service.engine.store.db
      .prepare("SELECT body FROM audit_entries WHERE kind = 'decision_outcome' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(row)).toMatchObject({ decision_id: body.decision_id, outcome: 'executed', detail: '10 rows' });
    expect((await agentCall(service.url, keyA, `/v1/decisions/${body.decision_id}/outcome`, { outcome: 'maybe' })).status).toBe(400);
  });
});

describe('authentication and request rules', () => {
  it('refuses a missing, malformed, operator or revoked key', async () => {
    for (const key of ['', 'pca_nope', service.operatorToken]) {
      expect((await agentCall(service.url, key, '/v1/evaluate', { action: READ })).status).toBe(401);
    }
    const { key } = service.engine.agents.add({ name: 'short-lived', role: 'ops' }, 'test');
    expect((await evaluate(key, { action: READ })).status).toBe(200);
    service.engine.agents.revoke('short-lived', 'test');
    const refused = await evaluate(key, { action: READ });
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('unauthorized');
  });

  it('refuses any browser Origin and a foreign Host (DNS rebinding)', async () => {
    const withOrigin = await agentCall(service.url, keyA, '/v1/evaluate', { action: READ }, { origin: service.url });
    expect(withOrigin.status).toBe(403);
    expect(withOrigin.json()).toMatchObject({ error: { code: 'forbidden_origin' } });
    const rebinding = await agentCall(service.url, keyA, '/v1/evaluate', { action: READ }, { host: 'evil.example:80' });
    expect(rebinding.status).toBe(403);
    expect(rebinding.json()).toMatchObject({ error: { code: 'forbidden_host' } });
  });

  it('metrics need the operator token and count decisions by outcome', async () => {
    expect((await agentCall(service.url, keyA, '/metrics')).status).toBe(401);
    const res = await rawRequest(service.url, { path: '/metrics', headers: { authorization: `Bearer ${service.operatorToken}` } });
    expect(res.status).toBe(200);
    const count = (label: string) => Number(new RegExp(`portcullis_decisions_total\\{decision="${label}"\\} (\\d+)`).exec(res.body)?.[1]);
    expect(count('allow')).toBeGreaterThan(0);
    expect(count('block')).toBeGreaterThan(0);
    expect(res.body).toContain('portcullis_decision_duration_seconds_bucket');
    expect(res.body).toMatch(/portcullis_review_queue_depth \d+/);
  });
});

describe('reviews', () => {
  const operator = () => createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });

  it('wait_ms holds the answer until an operator approves', async () => {
    const before = new Set((await operator().listPendingReviews()).map((r) => r.decisionId));
    const pending = evaluate(keyA, { action: BULK_DELETE, wait_ms: 20_000 });
    let review;
    for (let i = 0; i < 100 && !review; i++) {
      await new Promise((r) => setTimeout(r, 20));
      review = (await operator().listPendingReviews()).find((r) => !before.has(r.decisionId));
    }
    expect(review).toBeDefined();
    // The approver's context package: who, what, and the payload as sent.
    expect(review!.agent).toMatchObject({ name: 'agent-a', role: 'ops' });
    expect(review!.action).toMatchObject({ type: 'db_write', verb: 'delete', target: { resource: 'customers' } });
    expect(JSON.parse(review!.payload ?? 'null')).toEqual(BULK_DELETE.payload);
    expect(review!.payloadErased).toBe(false);
    await operator().resolveReview({ decisionId: review!.decisionId, verdict: 'approve', reason: 'planned cleanup' });
    const { body } = await pending;
    expect(body).toMatchObject({ decision_id: review!.decisionId, decision: 'allow', status: 'approved' });
    await expect(operator().resolveReview({ decisionId: review!.decisionId, verdict: 'reject' })).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('GET ?wait long-polls a pending decision; a rejection is a block', async () => {
    const { body } = await evaluate(keyA, { action: BULK_DELETE });
    const polled = agentCall(service.url, keyA, `/v1/decisions/${body.decision_id}?wait=20`);
    await new Promise((r) => setTimeout(r, 100));
    await operator().resolveReview({ decisionId: body.decision_id, verdict: 'reject', reason: 'not today' });
    expect((await polled).json()).toMatchObject({ decision: 'block', status: 'rejected' });
  });

  it('a pending review that nobody answers expires to block', async () => {
    const short = mkdtempSync(join(tmpdir(), 'portcullis-expiry-'));
    const s = await startService({ dataDir: short, host: '127.0.0.1', port: 0, log: () => {}, reviewTtlMs: 200 });
    try {
      const key = s.engine.agents.add({ name: 'x', role: 'ops' }, 'test').key;
      const res = await agentCall(s.url, key, '/v1/evaluate', { action: BULK_DELETE, wait_ms: 5000 });
      expect(res.json()).toMatchObject({ decision: 'block', status: 'expired' });
    } finally {
      await s.close();
      rmSync(short, { recursive: true, force: true });
    }
  });
});

describe('decisions over the operator API', () => {
  it('lists the newest first, filtered by verdict, with their context', async () => {
    const api = createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });
    const { body } = await evaluate(keyB, { action: LEAK });
    const blocks = await api.listDecisions({ limit: 5, verdict: 'block' });
    expect(blocks[0]).toMatchObject({ decisionId: body.decision_id, status: 'decided', agent: { name: 'agent-b' }, action: { verb: 'post' } });
    expect(blocks.every((d) => (d.decision as { decision: string }).decision === 'block')).toBe(true);
    expect(JSON.parse(blocks[0]!.payload ?? '{}')).toEqual(LEAK.payload);
    await expect(api.listDecisions({ limit: 0 })).rejects.toMatchObject({ code: 'invalid_arguments' });
  });
});

describe('OPA Data API', () => {
  it('answers {result} for a defined document and {} for an undefined one', async () => {
    const input = { action: { target: { external: true, host: 'x.example.net' } }, classification: { types: ['PASSWORD'] } };
    const res = await agentCall(service.url, keyA, '/v1/data/portcullis/credentials/deny', { input });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      result: [{ rule: 'credentials_to_external_host', reason: 'payload carries PASSWORD and the target x.example.net is external' }],
    });
    const config = await agentCall(service.url, keyA, '/v1/data/portcullis/config/privilege', {});
    expect(config.json()).toEqual({ result: { approvers: 2 } });
    const missing = await agentCall(service.url, keyA, '/v1/data/portcullis/no_such_rule', { input: {} });
    expect(missing.json()).toEqual({});
  });
});

describe('the audit trail', () => {
  it('holds every decision answered here and verifies', async () => {
    const answered = service.engine.store.db.prepare('SELECT COUNT(*) FROM decisions').pluck().get() as number;
    const audited = service.engine.store.db.prepare("SELECT COUNT(*) FROM audit_entries WHERE kind = 'decision'").pluck().get() as number;
    expect(audited).toBe(answered);
    expect(answered).toBeGreaterThan(8);
    service.engine.audit.checkpoint();
    const report = verifyDataDir({ dataDir: dir });
    expect(report.damage).toBeUndefined();
    expect(report.entries).toBe(service.engine.audit.size);
  });
});
