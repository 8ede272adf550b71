import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Verdict } from '../../src-shared/decision';

/** The service's Prometheus metrics, on a registry of its own (no process-global state). */
export interface Metrics {
  registry: Registry;
  observeDecision(verdict: Verdict, seconds: number): void;
  /** One group commit of the decision path and how many entries it carried. */
  observeCommit(entries: number): void;
}

export function createMetrics(queueDepth: () => number): Metrics {
  const registry = new Registry();
  const decisions = new Counter({
    name: 'portcullis_decisions_total',
    help: 'Decisions answered to agents, by outcome.',
    labelNames: ['decision'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'portcullis_decision_duration_seconds',
    help: 'Time from a valid evaluate request to its answer (audit append included), in seconds.',
    // Sub-millisecond resolution: the budget is well under a millisecond.
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'portcullis_review_queue_depth',
    help: 'Actions waiting for a human verdict.',
    registers: [registry],
    collect() {
      this.set(queueDepth());
    },
  });
  const commits = new Counter({
    name: 'portcullis_audit_commits_total',
    help: 'Transactions that committed decision entries (group commit: one per event-loop turn).',
    registers: [registry],
  });
  const commitEntries = new Histogram({
    name: 'portcullis_audit_commit_entries',
    help: 'Decision entries per group commit.',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  // Label sets are fixed up front so a scrape always shows every outcome, zeros included.
  for (const verdict of ['allow', 'block', 'review'] as const) decisions.labels(verdict).inc(0);
  return {
    registry,
    observeDecision(verdict, seconds) {
      decisions.labels(verdict).inc();
      latency.observe(seconds);
    },
    observeCommit(entries) {
      commits.inc();
      commitEntries.observe(entries);
    },
  };
}
