import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Portcullis, PolicyBlockedError, type EvaluateResponse } from '../../sdk/src/index';
import { deadUrl, startFaultyEndpoint, type FaultyEndpoint } from './support/faulty-endpoint';
import { ACTIONS, eventually, startRealPortcullis, type RealPortcullis } from './support/portcullis';

let real: RealPortcullis;

beforeAll(async () => {
  real = await startRealPortcullis();
});
afterAll(async () => {
  await real?.close();
});

const client = (options: Partial<ConstructorParameters<typeof Portcullis>[0]> = {}) =>
  new Portcullis({ url: real.url, apiKey: real.newAgentKey(), ...options });

/** An `onReview` that has the operator resolve the review while the SDK waits. */
const operatorWill = (verdict: 'approve' | 'reject') => (response: EvaluateResponse) => {
  void real.operator.resolveReview({ decisionId: response.decision_id, verdict, reason: `test ${verdict}s` });
};

describe('evaluate against the real service', () => {
  it('allows a routine read, with the decision id', async () => {
    const verdict = await client().evaluate(ACTIONS.read);
    expect(verdict).toMatchObject({ allowed: true, basis: 'decided', approval: undefined });
    expect(verdict.decisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(verdict.response?.decision).toBe('allow');
  });

  it('blocks credentials to an external host; enforce throws PolicyBlockedError with id, reasons and rules', async () => {
    const pc = client();
    const verdict = await pc.evaluate(ACTIONS.leak);
    expect(verdict).toMatchObject({ allowed: false, basis: 'decided' });
    expect(verdict.reasons.join(' ')).toMatch(/AWS_ACCESS_KEY/);
    const error = await pc.enforce(ACTIONS.leak).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBlockedError);
    const blocked = error as PolicyBlockedError;
    expect(blocked.decisionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(blocked.decisionId).not.toBe(verdict.decisionId);
    expect(blocked.reasons.join(' ')).toMatch(/external/);
    expect(blocked.matchedRules).toContainEqual(expect.objectContaining({ module: 'credentials', rule: 'credentials_to_external_host', decided: true }));
    expect(blocked.message).toContain(blocked.decisionId);
  });

  it('waits on a review and runs once the operator approves', async () => {
    const reviews: string[] = [];
    const pc = client({ onReview: (response) => reviews.push(response.decision_id) });
    const verdict = await pc.evaluate(ACTIONS.bulkDelete, { onReview: operatorWill('approve') });
    expect(reviews).toHaveLength(1);
    expect(verdict).toMatchObject({ allowed: true, basis: 'approved', decisionId: reviews[0] });
    expect(verdict.allowed && verdict.approval).toEqual({ status: 'approved', decisionId: reviews[0] });
    expect(verdict.response).toMatchObject({ decision: 'allow', status: 'approved' });
  });

  it('a rejected review is a block', async () => {
    const verdict = await client().evaluate(ACTIONS.bulkDelete, { onReview: operatorWill('reject') });
    expect(verdict).toMatchObject({ allowed: false, basis: 'rejected' });
    expect(verdict.reasons.at(-1)).toMatch(/rejected/);
    expect(verdict.matchedRules).toContainEqual(expect.objectContaining({ module: 'bulk-delete', effect: 'review' }));
  });

  it('a review nobody resolves in time is a block, and the decision is reported abandoned', async () => {
    const pc = client({ reviewTimeoutMs: 300 });
    const verdict = await pc.evaluate(ACTIONS.bulkDelete);
    expect(verdict).toMatchObject({ allowed: false, basis: 'unresolved' });
    await pc.flush();
    expect(real.auditBodies('decision_outcome')).toContainEqual(expect.objectContaining({ decision_id: verdict.decisionId, outcome: 'abandoned' }));
  });

  it('a review that expires on the service is a block', async () => {
    const short = await startRealPortcullis({ reviewTtlMs: 200 });
    try {
      const verdict = await new Portcullis({ url: short.url, apiKey: short.newAgentKey() }).evaluate(ACTIONS.bulkDelete);
      expect(verdict).toMatchObject({ allowed: false, basis: 'expired' });
      expect(verdict.response?.status).toBe('expired');
    } finally {
      await short.close();
    }
  });

  it('verifyApproval can refuse an approval (where signed approvals will be checked)', async () => {
    const seen: string[] = [];
    const pc = client({
      verifyApproval: (verdict) => {
        seen.push(verdict.approval?.decisionId ?? '');
        return false;
      },
    });
    const verdict = await pc.evaluate(ACTIONS.bulkDelete, { onReview: operatorWill('approve') });
    expect(verdict).toMatchObject({ allowed: false, basis: 'unverified' });
    expect(seen).toEqual([verdict.decisionId]);
  });

  it('a key the service refuses is a block even in fail-open mode', async () => {
    const verdict = await new Portcullis({ url: real.url, apiKey: 'pca_not_a_key', failMode: 'open' }).evaluate(ACTIONS.read);
    expect(verdict).toMatchObject({ allowed: false, basis: 'refused' });
    expect(verdict.reasons[0]).toMatch(/401/);
  });

  it('reports outcomes that land in the audit log', async () => {
    const pc = client();
    const verdict = await pc.evaluate(ACTIONS.read);
    expect(await pc.reportOutcome(verdict.decisionId as string, 'executed', '10 rows')).toBe(true);
    expect(real.auditBodies('decision_outcome')).toContainEqual(
      expect.objectContaining({ decision_id: verdict.decisionId, outcome: 'executed', detail: '10 rows' }),
    );
  });
});

describe('when the endpoint is down or broken', () => {
  let faulty: FaultyEndpoint;
  beforeAll(async () => {
    faulty = await startFaultyEndpoint(real.url);
  });
  afterAll(async () => {
    await faulty?.close();
  });
  const viaFaulty = (options: Partial<ConstructorParameters<typeof Portcullis>[0]> = {}) =>
    new Portcullis({ url: faulty.url, apiKey: real.newAgentKey(), timeoutMs: 1_000, ...options });

  it('fails closed when nothing listens, by default', async () => {
    const verdict = await new Portcullis({ url: await deadUrl(), apiKey: 'pca_x' }).evaluate(ACTIONS.read);
    expect(verdict).toMatchObject({ allowed: false, basis: 'unavailable', decisionId: undefined });
    expect(verdict.reasons[0]).toMatch(/ECONNREFUSED.*failMode is closed/);
  });

  it('fails open only when configured, and says so', async () => {
    const verdict = await new Portcullis({ url: await deadUrl(), apiKey: 'pca_x', failMode: 'open' }).evaluate(ACTIONS.read);
    expect(verdict).toMatchObject({ allowed: true, basis: 'unavailable', decisionId: undefined });
    expect(verdict.reasons[0]).toMatch(/failMode is open/);
  });

  it('an answer that is not an evaluation fails closed', async () => {
    faulty.behave(() => ({ kind: 'garbage' }));
    expect(await viaFaulty().evaluate(ACTIONS.read)).toMatchObject({ allowed: false, basis: 'unavailable' });
    faulty.behave(() => ({ kind: 'status', status: 200, body: '{"decision":"allow"}' }));
    expect(await viaFaulty().evaluate(ACTIONS.read)).toMatchObject({ allowed: false, basis: 'unavailable' });
  });

  it('a server error or a hung endpoint fails closed within the timeout', async () => {
    faulty.behave(() => ({ kind: 'status', status: 500 }));
    expect(await viaFaulty().evaluate(ACTIONS.read)).toMatchObject({ allowed: false, basis: 'unavailable' });
    faulty.behave(() => ({ kind: 'hang' }));
    const verdict = await viaFaulty({ timeoutMs: 300 }).evaluate(ACTIONS.read);
    expect(verdict).toMatchObject({ allowed: false, basis: 'unavailable' });
    expect(verdict.reasons[0]).toMatch(/no answer within 300 ms/);
  });

  it('does not resend an evaluation whose connection died after it was sent', async () => {
    faulty.seen.length = 0;
    faulty.behave(() => ({ kind: 'drop' }));
    expect(await viaFaulty().evaluate(ACTIONS.read)).toMatchObject({ allowed: false, basis: 'unavailable' });
    expect(faulty.seen).toEqual(['POST /v1/evaluate']);
  });

  it('resends an evaluation the service did not take (429), then gets the real answer', async () => {
    faulty.seen.length = 0;
    faulty.behave((_method, _path, attempt) =>
      attempt === 1 ? { kind: 'status', status: 429, headers: { 'retry-after': '0' } } : { kind: 'forward' },
    );
    expect(await viaFaulty().evaluate(ACTIONS.read)).toMatchObject({ allowed: true, basis: 'decided' });
    expect(faulty.seen).toEqual(['POST /v1/evaluate', 'POST /v1/evaluate']);
  });

  it('resends a review poll (idempotent) after a dropped connection and still gets the verdict', async () => {
    faulty.seen.length = 0;
    faulty.behave((method, _path, attempt) => (method === 'GET' && attempt === 1 ? { kind: 'drop' } : { kind: 'forward' }));
    const verdict = await viaFaulty().evaluate(ACTIONS.bulkDelete, { onReview: operatorWill('approve') });
    expect(verdict).toMatchObject({ allowed: true, basis: 'approved' });
    expect(faulty.seen.filter((line) => line.startsWith('GET /v1/decisions/')).length).toBeGreaterThanOrEqual(2);
  });

  it('losing the review poll is a block even in fail-open mode', async () => {
    faulty.behave((method) => (method === 'GET' ? { kind: 'status', status: 500 } : { kind: 'forward' }));
    const verdict = await viaFaulty({ failMode: 'open', retries: 1 }).evaluate(ACTIONS.bulkDelete);
    expect(verdict).toMatchObject({ allowed: false, basis: 'unavailable' });
    expect(verdict.reasons.at(-1)).toMatch(/lost track of the review/);
    const pending = await eventually(
      async () => (await real.operator.listPendingReviews()).find((review) => review.decisionId === verdict.decisionId),
      'the review to be listed',
    );
    expect(pending.status).toBe('pending');
  });
});
