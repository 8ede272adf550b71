import { describe, expect, it } from 'vitest';
import { generateAgentKey, hashAgentKey, looksLikeAgentKey } from '../../src-main/agents/keys';
import { createRateLimiter } from '../../src-main/agents/rate-limiter';

describe('agent keys', () => {
  it('are random, well-formed and identified by a displayable prefix', () => {
    const a = generateAgentKey();
    const b = generateAgentKey();
    expect(a.key).not.toBe(b.key);
    expect(looksLikeAgentKey(a.key)).toBe(true);
    expect(a.key.startsWith(`${a.displayPrefix}_`)).toBe(true);
    expect(a.hash).toBe(hashAgentKey(a.key));
    expect(a.hash).not.toContain(a.key.slice(13));
  });

  it('operator tokens and junk do not pass for agent keys', () => {
    expect(looksLikeAgentKey('pco_' + 'a'.repeat(43))).toBe(false);
    expect(looksLikeAgentKey('pca_1234567g_' + 'a'.repeat(43))).toBe(false);
    expect(looksLikeAgentKey('pca_12345678_' + 'a'.repeat(42))).toBe(false);
    expect(looksLikeAgentKey(`${generateAgentKey().key} `)).toBe(false);
  });
});

describe('rate limiter', () => {
  it('allows a burst, then refills at the configured rate, per agent', () => {
    const limiter = createRateLimiter({ perSecond: 10, burst: 3 });
    const t = 1000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', t))).toEqual([true, true, true, false]);
    expect(limiter.take('b', t)).toBe(true);
    expect(limiter.take('a', t + 50)).toBe(false);
    expect(limiter.take('a', t + 100)).toBe(true);
    expect(limiter.take('a', t + 100)).toBe(false);
  });

  it('keeps memory bounded under many agents', () => {
    const limiter = createRateLimiter({ perSecond: 1000, burst: 5, maxAgents: 100 });
    for (let i = 0; i < 10_000; i++) limiter.take(`agent-${i}`, i * 10);
    expect(limiter.size()).toBeLessThanOrEqual(100);
    // Quiet agents' full buckets were swept: the first agent starts afresh with a full burst.
    expect([1, 2, 3, 4, 5, 6].map(() => limiter.take('agent-0', 200_000))).toEqual([true, true, true, true, true, false]);
  });
});
