/**
 * A token bucket per agent: `burst` requests at once, refilled at `perSecond`. Buckets of agents
 * that stay quiet are dropped once full, so memory follows the active agents only.
 */
export interface RateLimiter {
  /** True when the request may proceed; false means answer 429. */
  take(agentId: string, now?: number): boolean;
  /** Seconds until one token is back (for Retry-After). */
  retryAfterSeconds(): number;
  /** Agents with a bucket in memory. */
  size(): number;
}

export function createRateLimiter(options: { perSecond: number; burst: number; maxAgents?: number }): RateLimiter {
  const { perSecond, burst } = options;
  const maxAgents = options.maxAgents ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const sweep = (now: number) => {
    for (const [id, b] of buckets) {
      if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) buckets.delete(id);
    }
  };
  return {
    take(agentId, now = performance.now()) {
      let bucket = buckets.get(agentId);
      if (!bucket) {
        if (buckets.size >= maxAgents) sweep(now);
        bucket = { tokens: burst, at: now };
        buckets.set(agentId, bucket);
      }
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    retryAfterSeconds: () => Math.max(1, Math.ceil(1 / perSecond)),
    size: () => buckets.size,
  };
}
