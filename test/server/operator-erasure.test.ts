import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluateResponse } from '../../src-shared/agent-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { startService, type Service } from '../../src-main/server/service';
import { agentCall, rawRequest } from '../support/agent-client';

let dir: string;
let service: Service;
let key: string;
const api = () => createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });

/** An operator call as raw HTTP, to see the status and the error body as sent. */
const rpc = (method: string, args: unknown[]) =>
  rawRequest(service.url, {
    method: 'POST',
    path: `/operator/rpc/${method}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${service.operatorToken}` },
    body: JSON.stringify({ args }),
  });

const evaluate = async (action: Record<string, unknown>): Promise<EvaluateResponse> => {
  const res = await agentCall(service.url, key, '/v1/evaluate', { action });
  expect(res.status).toBe(200);
  return res.json() as EvaluateResponse;
};

const lookup = (payload?: unknown) =>
  evaluate({ type: 'tool_call', tool: 'crm.lookup', verb: 'read', target: { system: 'crm' }, ...(payload === undefined ? {} : { payload }) });

const entryAt = (seq: number) =>
  service.engine.store.db.prepare('SELECT kind, body FROM audit_entries WHERE seq = ?').get(seq) as { kind: string; body: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-erasure-'));
  service = await startService({ dataDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
  key = (await api().addAgent({ name: 'crm-bot', role: 'support' })).key;
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('erasePayload over HTTP, against a really started service', () => {
  it('erases the payload, records the reason with the operator as actor, and the chain still verifies', async () => {
    const marker = 'erase-me-4d1c9b@subject.example';
    const answer = await lookup({ customer: { email: marker, note: 'asked for a refund' } });
    const before = (await api().listDecisions({ limit: 50 })).find((d) => d.decisionId === answer.decision_id);
    expect(before?.payload).toContain(marker);
    expect(before?.payloadErased).toBe(false);
    const digest = service.engine.decisions.get(answer.decision_id)?.entry.content_digest;
    expect(digest).toMatch(/^[0-9a-f]{64}$/);

    const result = await api().erasePayload({ decisionId: answer.decision_id, reason: '  erasure request 2026-117  ' });
    expect(result.decision).toMatchObject({ decisionId: answer.decision_id, status: 'decided', payloadErased: true });
    expect(result.decision.payload).toBeUndefined();
    expect(result.contentDigest).toBe(digest);
    expect(entryAt(result.erasureSeq)).toEqual({
      kind: 'erasure',
      body: JSON.stringify({ digest, reason: `by operator for decision ${answer.decision_id}: erasure request 2026-117` }),
    });

    const report = await api().verifyAudit();
    expect(report).toMatchObject({ ok: true, erased: 1 });
    expect(report.lines[0]).toMatch(/^ok: \d+ entries/);
    expect(report.lines.join('\n')).toContain('1 content item(s) erased on request');

    const listed = await api().listDecisions({ limit: 50 });
    expect(listed.find((d) => d.decisionId === answer.decision_id)).toMatchObject({ payloadErased: true });
    expect(JSON.stringify(listed)).not.toContain(marker);

    // The agent's own view of its decision is rebuilt from the entry, which never held the payload.
    const agentView = await agentCall(service.url, key, `/v1/decisions/${answer.decision_id}`);
    expect(agentView.status).toBe(200);
    expect(agentView.json()).toMatchObject({ decision_id: answer.decision_id, decision: answer.decision, status: 'decided' });

    // Gone from the database file itself (secure_delete zeroed the freed pages, the WAL was emptied).
    const files = ['portcullis.db', 'portcullis.db-wal'].map((f) => join(dir, f)).filter((f) => existsSync(f));
    for (const file of files) expect(readFileSync(file).includes(marker), `${file} still holds the payload`).toBe(false);
  });

  it('a pending review can be erased: it stays pending, its approver sees the payload erased, and it can still be decided', async () => {
    const review = await evaluate({
      type: 'db_write',
      tool: 'sql.execute',
      verb: 'delete',
      target: { resource: 'customers', environment: 'production' },
      payload: { count: 25000, owner: 'jane.roe@acme-corp.com' },
    });
    expect(review).toMatchObject({ decision: 'review', status: 'pending' });
    expect((await api().listPendingReviews()).find((r) => r.decisionId === review.decision_id)?.payload).toContain('jane.roe');

    const result = await api().erasePayload({ decisionId: review.decision_id, reason: 'data subject request' });
    expect(result.decision).toMatchObject({ status: 'pending', payloadErased: true });
    const pending = (await api().listPendingReviews()).find((r) => r.decisionId === review.decision_id);
    expect(pending).toMatchObject({ status: 'pending', payloadErased: true });
    expect(pending?.payload).toBeUndefined();
    // What the approver still has: the findings' types and places, never their values.
    expect((pending?.decision as unknown as EvaluateResponse).findings.map((f) => f.type)).toContain('EMAIL');

    const resolved = await api().resolveReview({ decisionId: review.decision_id, verdict: 'reject', reason: 'no payload to judge' });
    expect(resolved).toMatchObject({ status: 'rejected', payloadErased: true });
    expect(await api().verifyAudit()).toMatchObject({ ok: true, erased: 2 });
  });

  it('a byte-identical payload is stored once: erasing one decision erases it for the other too', async () => {
    const payload = { customer: { email: 'twin@subject.example' } };
    const first = await lookup(payload);
    const second = await lookup(payload);
    await api().erasePayload({ decisionId: first.decision_id, reason: 'request 9' });
    const listed = await api().listDecisions({ limit: 50 });
    expect(listed.find((d) => d.decisionId === second.decision_id)).toMatchObject({ payloadErased: true });
    await expect(api().erasePayload({ decisionId: second.decision_id, reason: 'request 9' })).rejects.toMatchObject({ code: 'already_erased' });
  });

  it('refuses with clear codes: not_found 404, no_payload 409, already_erased 409, nothing appended', async () => {
    const size = () => service.engine.audit.size;
    const withPayload = await lookup({ email: 'someone@subject.example' });
    const withoutPayload = await lookup();

    let before = size();
    const missing = await rpc('erasePayload', [{ decisionId: randomUUID(), reason: 'request' }]);
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: expect.stringMatching(/^no decision [0-9a-f-]{36}$/) } });
    expect(size()).toBe(before);

    const empty = await rpc('erasePayload', [{ decisionId: withoutPayload.decision_id, reason: 'request' }]);
    expect(empty.status).toBe(409);
    expect(empty.json()).toEqual({ error: { code: 'no_payload', message: `decision ${withoutPayload.decision_id} has no payload to erase` } });
    expect(size()).toBe(before);

    expect((await rpc('erasePayload', [{ decisionId: withPayload.decision_id, reason: 'request' }])).status).toBe(200);
    before = size();
    const again = await rpc('erasePayload', [{ decisionId: withPayload.decision_id, reason: 'request' }]);
    expect(again.status).toBe(409);
    expect(again.json()).toEqual({
      error: { code: 'already_erased', message: `the payload of decision ${withPayload.decision_id} is already erased` },
    });
    expect(size()).toBe(before);

    // The typed client carries the same codes.
    await expect(api().erasePayload({ decisionId: randomUUID(), reason: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(api().erasePayload({ decisionId: withoutPayload.decision_id, reason: 'x' })).rejects.toMatchObject({ code: 'no_payload' });
  });

  it.each([
    ['a missing reason', [{ decisionId: randomUUID() }], /reason/],
    ['an empty reason', [{ decisionId: randomUUID(), reason: '' }], /a reason is required at args\.0\.reason/],
    ['a blank reason', [{ decisionId: randomUUID(), reason: '   ' }], /a reason is required/],
    ['a reason over 500 characters', [{ decisionId: randomUUID(), reason: 'x'.repeat(501) }], /reason/],
    ['a decision id that is not a UUID', [{ decisionId: 'not-a-uuid', reason: 'request' }], /decisionId/],
    ['an unknown field', [{ decisionId: randomUUID(), reason: 'request', actor: 'someone else' }], /actor|unrecognized/i],
    ['no argument', [], /erasePayload/],
  ])('%s is 400 invalid_arguments, a JSON error', async (_, args, message) => {
    const before = service.engine.audit.size;
    const res = await rpc('erasePayload', args);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_arguments');
    expect(body.error.message).toMatch(message);
    expect(service.engine.audit.size).toBe(before);
  });

  it('a reason of exactly 500 characters is accepted', async () => {
    const answer = await lookup({ email: 'long-reason@subject.example' });
    const result = await api().erasePayload({ decisionId: answer.decision_id, reason: 'r'.repeat(500) });
    expect(JSON.parse(entryAt(result.erasureSeq).body).reason).toBe(`by operator for decision ${answer.decision_id}: ${'r'.repeat(500)}`);
  });
});
