/** Latency summary in microseconds. Percentiles are nearest-rank on the sorted samples. */
export interface LatencyStats {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

/** Summarises nanosecond samples (sorted in place) as microseconds. */
export function summarize(samplesNs: Float64Array): LatencyStats {
  const sorted = samplesNs.sort();
  let total = 0;
  for (const value of sorted) total += value;
  const us = (ns: number) => Math.round(ns / 10) / 100;
  return {
    samples: sorted.length,
    p50: us(percentile(sorted, 0.5)),
    p90: us(percentile(sorted, 0.9)),
    p99: us(percentile(sorted, 0.99)),
    p999: us(percentile(sorted, 0.999)),
    max: us(sorted[sorted.length - 1] ?? Number.NaN),
    mean: us(sorted.length > 0 ? total / sorted.length : Number.NaN),
  };
}
