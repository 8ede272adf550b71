import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Portcullis, PolicyBlockedError, type EvaluateResponse } from '../../sdk/src/index';
import { deadUrl } from './support/faulty-endpoint';
import { ACTIONS, startRealPortcullis, type RealPortcullis } from './support/portcullis';

let real: RealPortcullis;

beforeAll(async () => {
  real = await startRealPortcullis();
});
afterAll(async () => {
  await real?.close();
});

/** A tool that counts its invocations, so "never called" is observed, not assumed. */
function countedTool<A extends unknown[], R>(body: (...args: A) => R) {
  const calls: A[] = [];
  const fn = async (...args: A) => {
    calls.push(args);
    return body(...args);
  };
  return { fn, calls };
}

const outcomesOf = (decisionId: string | undefined) =>
  real.auditBodies('decision_outcome').filter((body) => body.decision_id === decisionId).map((body) => body.outcome);

describe('guard(fn, meta)', () => {
  it('runs an allowed call once, returns its result and reports executed', async () => {
    const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey() });
    const { fn, calls } = countedTool((query: string) => `rows for ${query}`);
    const guarded = pc.guard(fn, { type: 'db_query', tool: 'sql.query', verb: 'select', target: ACTIONS.read.target });
    expect(await guarded('SELECT id FROM orders')).toBe('rows for SELECT id FROM orders');
    expect(calls).toEqual([['SELECT id FROM orders']]);
    await pc.flush();
    const decision = real.auditBodies('decision').at(-1) as { decision_id: string; action: { tool: string } };
    expect(decision.action.tool).toBe('sql.query');
    expect(outcomesOf(decision.decision_id)).toEqual(['executed']);
  });

  it('never calls a blocked function and throws PolicyBlockedError with the reasons', async () => {
    const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey() });
    const { fn, calls } = countedTool((_url: string, _body: string) => 'sent');
    const post = pc.guard(fn, {
      type: 'http_request',
      tool: 'http.post',
      verb: 'post',
      describe: (url) => ({ target: { url } }),
    });
    const error = await post(ACTIONS.leak.target.url, `key ${ACTIONS.leak.payload.key}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBlockedError);
    expect((error as PolicyBlockedError).reasons.join(' ')).toMatch(/AWS_ACCESS_KEY/);
    expect((error as PolicyBlockedError).matchedRules.map((rule) => rule.rule)).toContain('credentials_to_external_host');
    expect(calls).toHaveLength(0);
  });

  it('waits for a review: runs after approval, never after rejection', async () => {
    let verdict: 'approve' | 'reject' = 'approve';
    const pc = new Portcullis({
      url: real.url,
      apiKey: real.newAgentKey(),
      onReview: (response: EvaluateResponse) => void real.operator.resolveReview({ decisionId: response.decision_id, verdict }),
    });
    const { fn, calls } = countedTool((table: string, count: number) => `deleted ${count} from ${table}`);
    const bulkDelete = pc.guard(fn, {
      type: 'db_write',
      tool: 'sql.execute',
      verb: 'delete',
      describe: (table, count) => ({ target: { resource: table, environment: 'production' }, payload: { count } }),
    });
    expect(await bulkDelete('customers', 25000)).toBe('deleted 25000 from customers');
    expect(calls).toHaveLength(1);
    verdict = 'reject';
    await expect(bulkDelete('customers', 25000)).rejects.toBeInstanceOf(PolicyBlockedError);
    expect(calls).toHaveLength(1);
  });

  it('reports failed when the allowed function throws, and rethrows its error', async () => {
    const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey() });
    const guarded = pc.guard(
      async function lookUpWeather(_city: string): Promise<string> {
        throw new Error('weather service down');
      },
    );
    await expect(guarded('Paris')).rejects.toThrow('weather service down');
    await pc.flush();
    const decision = real.auditBodies('decision').at(-1) as { decision_id: string; action: { tool: string } };
    expect(decision.action.tool).toBe('lookUpWeather');
    expect(real.auditBodies('decision_outcome').filter((body) => body.decision_id === decision.decision_id)).toEqual([
      expect.objectContaining({ outcome: 'failed', detail: 'weather service down' }),
    ]);
  });

  it('never calls the function when the endpoint is down (fail closed)', async () => {
    const pc = new Portcullis({ url: await deadUrl(), apiKey: 'pca_x' });
    const { fn, calls } = countedTool(() => 'ran');
    const error = await pc.guard(fn, { tool: 'anything' })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBlockedError);
    expect((error as PolicyBlockedError).verdict.basis).toBe('unavailable');
    expect(calls).toHaveLength(0);
  });

  it('an aborted signal ends a review wait: not called, reported abandoned', async () => {
    const abort = new AbortController();
    const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey(), onReview: () => setTimeout(() => abort.abort(), 50) });
    const { fn, calls } = countedTool(() => 'deleted');
    const { type, tool, verb, target, payload } = ACTIONS.bulkDelete;
    const guarded = pc.guard(fn, { type, tool, verb, target, describe: () => ({ payload }), signal: abort.signal });
    const error = await guarded().catch((e: unknown) => e);
    expect((error as PolicyBlockedError).verdict.basis).toBe('unresolved');
    expect(calls).toHaveLength(0);
    await pc.flush();
    expect(outcomesOf((error as PolicyBlockedError).decisionId)).toEqual(['abandoned']);
  });
});
