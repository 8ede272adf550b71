import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvaluateResponse } from '../../src-shared/agent-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { startService, type Service, type ServiceOptions } from '../../src-main/server/service';
import { agentCall, type RawResponse } from '../support/agent-client';

/**
 * Reviews live in the decisions table, not in memory: a restart loses none, an operator resolves
 * them on the restarted service, and one that ran out while the service was down is expired the
 * moment it starts. And the per-agent rate limit: one agent over its budget gets 429 with
 * Retry-After, without touching anyone else's.
 */

const READ = { type: 'db_query', tool: 'sql.query', verb: 'select', target: { system: 'postgres', resource: 'orders' }, payload: { query: 'SELECT id FROM orders LIMIT 10' } };
const BULK_DELETE = { type: 'db_write', tool: 'sql.execute', verb: 'delete', target: { resource: 'customers', environment: 'production' }, payload: { count: 25000 } };

const dirs: string[] = [];
const running = new Set<Service>();
afterAll(async () => {
  for (const service of running) await service.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const newDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-restart-'));
  dirs.push(dir);
  return dir;
};

async function start(dataDir: string, options: Partial<ServiceOptions> = {}): Promise<Service> {
  const service = await startService({ dataDir, host: '127.0.0.1', port: 0, log: () => {}, ...options });
  running.add(service);
  return service;
}

async function stop(service: Service): Promise<void> {
  running.delete(service);
  await service.close();
}

/** Fails with `message` instead of waiting for ever. */
function within<T>(ms: number, promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

const operator = (service: Service) => createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });
const decisionOf = (res: RawResponse) => res.json() as EvaluateResponse & { error?: { code: string; message: string } };

function approvalEntries(service: Service, id: string): { status: string; verdict: string; by: string }[] {
  return (
    service.engine.store.db
      .prepare("SELECT body FROM audit_entries WHERE kind = 'approval' AND json_extract(body, '$.decision_id') = ? ORDER BY seq")
      .pluck()
      .all(id) as string[]
  ).map((body) => JSON.parse(body) as { status: string; verdict: string; by: string });
}

describe('pending reviews across a restart', () => {
  it('a review pending at a clean restart is still pending afterwards and an operator approves it there', async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir, { reviewTtlMs: 10 * 60_000 });
    const key = first.engine.agents.add({ name: 'restart-agent', role: 'ops' }, 'test').key;
    const held = decisionOf(await agentCall(first.url, key, '/v1/evaluate', { action: BULK_DELETE }));
    expect(held).toMatchObject({ decision: 'review', status: 'pending' });
    const id = held.decision_id;

    // An agent long-polls the review while the service shuts down: the shutdown does not wait
    // out the poll, and the agent is told the review is still pending.
    const polling = agentCall(first.url, key, `/v1/decisions/${id}?wait=300`);
    await new Promise((r) => setTimeout(r, 200));
    await within(10_000, stop(first), 'the service did not close within 10 s while an agent long-polled a pending review');
    const polled = await within(5_000, polling, 'the long-poll got no answer when the service closed');
    expect(polled.status).toBe(200);
    expect(decisionOf(polled)).toMatchObject({ decision_id: id, decision: 'review', status: 'pending' });

    const second = await start(dataDir, { reviewTtlMs: 10 * 60_000 });
    const asAgent = await agentCall(second.url, key, `/v1/decisions/${id}`);
    expect(asAgent.status).toBe(200);
    expect(decisionOf(asAgent)).toMatchObject({ decision_id: id, decision: 'review', status: 'pending' });
    const pending = await operator(second).listPendingReviews();
    expect(pending.map((r) => r.decisionId)).toContain(id);
    expect(pending.find((r) => r.decisionId === id)).toMatchObject({ status: 'pending', decision: { decision: 'review' } });

    // The agent waits on the restarted service; the operator's approval reaches it.
    const waiting = agentCall(second.url, key, `/v1/decisions/${id}?wait=20`);
    await new Promise((r) => setTimeout(r, 200));
    const resolved = await operator(second).resolveReview({ decisionId: id, verdict: 'approve', reason: 'planned cleanup' });
    expect(resolved).toMatchObject({ decisionId: id, status: 'approved' });
    expect(decisionOf(await within(10_000, waiting, 'the waiting agent was not told of the approval'))).toMatchObject({ decision_id: id, decision: 'allow', status: 'approved' });
    await expect(operator(second).resolveReview({ decisionId: id, verdict: 'reject' })).rejects.toMatchObject({ code: 'not_pending' });
    expect((await operator(second).listPendingReviews()).map((r) => r.decisionId)).not.toContain(id);
    expect(approvalEntries(second, id)).toEqual([expect.objectContaining({ status: 'approved', verdict: 'allow' })]);

    await stop(second);
    expect(verifyDataDir({ dataDir }).damage).toBeUndefined();
  });

  it('a review whose expiry passed while the service was down is expired to block as soon as it starts', async () => {
    const dataDir = newDataDir();
    const ttl = 3000;
    const first = await start(dataDir, { reviewTtlMs: ttl });
    const key = first.engine.agents.add({ name: 'expiry-agent', role: 'ops' }, 'test').key;
    const held = decisionOf(await agentCall(first.url, key, '/v1/evaluate', { action: BULK_DELETE }));
    expect(held).toMatchObject({ decision: 'review', status: 'pending' });
    const id = held.decision_id;
    const review = (await operator(first).listPendingReviews()).find((r) => r.decisionId === id);
    expect(review?.expiresAt, 'the review has an expiry').toBeDefined();
    expect(first.engine.reviews.pending().map((r) => r.id), `still pending at shutdown (raise the ${ttl} ms TTL on a slower machine)`).toContain(id);
    await stop(first);

    // Down past the expiry.
    while (Date.now() <= (review?.expiresAt ?? 0) + 100) await new Promise((r) => setTimeout(r, 100));

    const second = await start(dataDir, { reviewTtlMs: ttl });
    // Right after start, before any housekeeping tick: the store already says expired.
    const row = second.engine.store.db.prepare('SELECT status, verdict, resolved_by FROM decisions WHERE id = ?').get(id);
    expect(row).toEqual({ status: 'expired', verdict: 'block', resolved_by: 'system' });
    const asAgent = decisionOf(await agentCall(second.url, key, `/v1/decisions/${id}?wait=5`));
    expect(asAgent).toMatchObject({ decision_id: id, decision: 'block', status: 'expired' });
    expect((await operator(second).listPendingReviews()).map((r) => r.decisionId)).not.toContain(id);
    await expect(operator(second).resolveReview({ decisionId: id, verdict: 'approve' })).rejects.toMatchObject({ code: 'not_pending' });
    expect(approvalEntries(second, id)).toEqual([expect.objectContaining({ status: 'expired', verdict: 'block', by: 'system' })]);

    await stop(second);
    expect(verifyDataDir({ dataDir }).damage).toBeUndefined();
  });
});

describe('the per-agent rate limit', () => {
  it('answers an agent over its budget 429 rate_limited with Retry-After, and leaves other agents alone', async () => {
    const dataDir = newDataDir();
    const perSecond = 1;
    const burst = perSecond * 2;
    const service = await start(dataDir, { agentRateLimit: perSecond });
    const greedy = service.engine.agents.add({ name: 'greedy', role: 'ops' }, 'test').key;
    const modest = service.engine.agents.add({ name: 'modest', role: 'ops' }, 'test').key;

    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 30 }, () => agentCall(service.url, greedy, '/v1/evaluate', { action: READ })));
    const elapsedS = (performance.now() - started) / 1000;
    const ok = answers.filter((r) => r.status === 200);
    const limited = answers.filter((r) => r.status === 429);
    expect(ok.length + limited.length, `statuses: ${answers.map((r) => r.status).join(' ')}`).toBe(answers.length);
    // The full bucket admits the burst; refill admits at most perSecond more per second elapsed.
    expect(ok.length).toBeGreaterThanOrEqual(burst);
    expect(ok.length).toBeLessThanOrEqual(burst + Math.ceil(elapsedS * perSecond) + 1);
    expect(limited.length).toBeGreaterThan(0);
    for (const res of limited) {
      expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
      expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    }

    // Over budget, the agent is refused before its body is even read (a 429 where the body alone
    // would be a 400), on every route. Refill admits one now and then, so several are sent.
    const junk = await Promise.all(Array.from({ length: 10 }, () => agentCall(service.url, greedy, '/v1/evaluate', '{not json')));
    expect(junk.map((r) => r.status).filter((s) => s !== 400 && s !== 429)).toEqual([]);
    expect(junk.some((r) => r.status === 429)).toBe(true);
    const lookups = await Promise.all(Array.from({ length: 10 }, () => agentCall(service.url, greedy, `/v1/decisions/${decisionOf(ok[0] as RawResponse).decision_id}`)));
    expect(lookups.map((r) => r.status).filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(lookups.some((r) => r.status === 429)).toBe(true);

    // Another agent has its own budget, untouched.
    const others = await Promise.all(Array.from({ length: burst }, () => agentCall(service.url, modest, '/v1/evaluate', { action: READ })));
    expect(others.map((r) => r.status)).toEqual(Array.from({ length: burst }, () => 200));
    // A request without a valid key is refused for that, not counted against anyone.
    expect((await agentCall(service.url, 'pca_nope', '/v1/evaluate', { action: READ })).status).toBe(401);

    // Only the admitted requests became decisions.
    const countFor = (name: string) =>
      service.engine.store.db
        .prepare("SELECT COUNT(*) FROM audit_entries WHERE kind = 'decision' AND json_extract(body, '$.agent.name') = ?")
        .pluck()
        .get(name) as number;
    expect(countFor('greedy')).toBe(ok.length);
    expect(countFor('modest')).toBe(burst);

    // After the advertised wait the agent is served again.
    const retryAfter = Number((limited[0] as RawResponse).headers['retry-after']);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await agentCall(service.url, greedy, '/v1/evaluate', { action: READ })).status).toBe(200);
    await stop(service);
  });
});
