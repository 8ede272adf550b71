import type { LoadResult } from './load-client';
import type { Placement } from './placements';
import type { PrefillResult } from './prefill';
import type { ServerCost } from './server-cost';
import type { LatencyStats } from './stats';

/** Everything one `portcullis bench` run measured: the `--json` output. */
export interface BenchResult {
  kind: 'portcullis-endpoint-bench';
  version: 1;
  startedAt: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; loadavgStart: number[]; loadavgEnd: number[]; taskset: boolean };
  config: {
    quick: boolean;
    latencyRequests: number;
    throughputRequests: number;
    fullLatencyRequests: number;
    fullThroughputRequests: number;
    connections: number;
    smallEntries: number;
    /** Entries of each fill made by the real decider; the rest replay them through the real audit log. */
    decidedEntries: number;
    largeEntries: number;
    seed: number;
  };
  notes: string[];
  traffic: { requestBytes: { min: number; p50: number; max: number }; verdicts: Record<string, number>; responseBytes: number; entryBytes: number };
  fill: { small: Omit<PrefillResult, 'agentKeys'>; large: Omit<PrefillResult, 'agentKeys'> };
  /** The bare prepared INSERT of `entryBytes`, in-process, pinned like the server. */
  sqliteFloor: { NORMAL: LatencyStats; FULL: LatencyStats };
  /** classify() of each request's payload, in-process, pinned like the server: work no decision skips. */
  classification: LatencyStats;
  placements: PlacementResult[];
  targets: TargetCheck[];
}

/** A load run and, on Linux, the server's CPU time and CPU wait per request during it. */
export type MeasuredRun = LoadResult & { server?: ServerCost };

export interface PlacementResult extends Placement {
  /** The no-op fastify handler with a fixed answer of `responseBytes`. */
  httpFloor: { latency: MeasuredRun; throughput: MeasuredRun };
  /** The storage floor's p50 (NORMAL), for the CPU ratio. */
  storageFloorP50: number;
  /** httpFloor p50 + sqliteFloor p50 of the mode: what the ratio divides by. */
  floorP50: { NORMAL: number; FULL: number };
  normal: { latency: MeasuredRun; throughput: MeasuredRun };
  full: { latency: MeasuredRun; throughput: MeasuredRun };
  /** NORMAL, concurrency 1, on the data directory pre-filled to largeEntries. */
  large: { entries: number; latency: MeasuredRun };
  ratios: {
    p50VsFloor: number;
    fullP50VsFloor: number;
    throughputVsHttpFloor: number;
    largeP50VsSmall: number;
    largeP99VsSmall: number;
    largeP999VsSmall: number;
    /**
     * Server CPU per decision (concurrency 1) over the HTTP floor's server CPU per request plus
     * the storage floor p50: the ratio that holds however busy the machine is. Null without /proc.
     */
    cpuVsFloor: number | null;
  };
}

export interface TargetCheck {
  name: string;
  placement: string;
  target: string;
  measured: number;
  unit: string;
  met: boolean;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export function ratiosOf(p: Omit<PlacementResult, 'ratios'>): PlacementResult['ratios'] {
  return {
    p50VsFloor: ratio(p.normal.latency.latency.p50, p.floorP50.NORMAL),
    fullP50VsFloor: ratio(p.full.latency.latency.p50, p.floorP50.FULL),
    throughputVsHttpFloor: ratio(p.normal.throughput.throughput, p.httpFloor.throughput.throughput),
    largeP50VsSmall: ratio(p.large.latency.latency.p50, p.normal.latency.latency.p50),
    largeP99VsSmall: ratio(p.large.latency.latency.p99, p.normal.latency.latency.p99),
    largeP999VsSmall: ratio(p.large.latency.latency.p999, p.normal.latency.latency.p999),
    cpuVsFloor:
      p.normal.latency.server && p.httpFloor.latency.server
        ? ratio(p.normal.latency.server.cpuUsPerRequest, p.httpFloor.latency.server.cpuUsPerRequest + p.storageFloorP50)
        : null,
  };
}

/**
 * The targets. Latency targets hold per placement; throughput ones on two cores, i.e.
 * the split placement (server and client each on its own vCPU) or the unpinned run.
 * "Flat" is read as: p50 within 10% and p99 within 25% from the small to the large log.
 */
export function checkTargets(placements: PlacementResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (name: string, placement: string, target: string, measured: number, unit: string, met: boolean) =>
    checks.push({ name, placement, target, measured, unit, met });
  for (const p of placements) {
    add('end-to-end p50 vs floor', p.name, '≤ 1.5×', p.ratios.p50VsFloor, '×', p.ratios.p50VsFloor <= 1.5);
    add('p99 at concurrency 1', p.name, '≤ 1000 µs', p.normal.latency.latency.p99, 'µs', p.normal.latency.latency.p99 <= 1000);
    add('p99.9 at concurrency 1', p.name, '≤ 2000 µs', p.normal.latency.latency.p999, 'µs', p.normal.latency.latency.p999 <= 2000);
    add('p50 flat, small → large log', p.name, '≤ 1.10×', p.ratios.largeP50VsSmall, '×', p.ratios.largeP50VsSmall <= 1.1);
    add('p99 flat, small → large log', p.name, '≤ 1.25×', p.ratios.largeP99VsSmall, '×', p.ratios.largeP99VsSmall <= 1.25);
    add('FULL p50', p.name, '≤ 500 µs', p.full.latency.latency.p50, 'µs', p.full.latency.latency.p50 <= 500);
    if (p.name !== 'same') {
      add('throughput (32 connections, 2 cores)', p.name, '≥ 8000 /s', p.normal.throughput.throughput, '/s', p.normal.throughput.throughput >= 8000);
      add('FULL throughput (32 connections)', p.name, '≥ 5000 /s', p.full.throughput.throughput, '/s', p.full.throughput.throughput >= 5000);
    }
  }
  return checks;
}
