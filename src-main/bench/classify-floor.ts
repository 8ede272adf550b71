import { classify } from '../classify';
import { generateRequests } from './payloads';
import { summarize, type LatencyStats } from './stats';

/**
 * Classification of each request's payload, in-process, timed per call: the largest piece of
 * work that no decision can skip (decide() classifies every payload before risk and policies).
 * Beside the HTTP and storage floors it shows how much of the gap to them is required work.
 */
export function measureClassification(count: number, warmup: number, seed: number): LatencyStats {
  const payloads = generateRequests(count, seed).map((r) => r.body.action.payload);
  for (let i = 0; i < warmup; i++) classify(payloads[i % payloads.length]);
  const samples = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    classify(payloads[i]);
    samples[i] = Number(process.hrtime.bigint() - started);
  }
  return summarize(samples);
}
