import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SynchronousMode } from '../store/database';
import { startJobs, startServer, type JobChild } from './children';
import type { LoadOptions, LoadResult } from './load-client';
import type { Placement } from './placements';
import type { PrefillResult } from './prefill';
import { ratiosOf, type BenchResult, type MeasuredRun, type PlacementResult } from './result';
import { costBetween, sampleProcess } from './server-cost';

/** What every placement is measured with: the plan, the filled logs and the storage floor. */
export interface PlacementContext {
  config: BenchResult['config'];
  /** Where this placement's copies of the small log go. */
  root: string;
  small: PrefillResult;
  smallTemplate: string;
  large: PrefillResult;
  largeDir: string;
  sqliteFloor: BenchResult['sqliteFloor'];
  progress: (line: string) => void;
}

/**
 * Untimed requests before each run. V8 keeps compiling hot code for thousands of requests, on
 * helper threads that share the pinned CPU: after 1 000 the no-op floor's p99 at concurrency 1
 * was still 1.1 ms, after 2 000–5 000 it is 0.3–0.6 ms (the service's 3.3 → 2.2 ms).
 */
export const warmupFor = (requests: number) => Math.min(5_000, Math.max(50, Math.round(requests / 2)));

/** One load run by the placement's pinned client process, with what the server spent on it. */
async function load(client: JobChild<'client'>, serverPid: number | undefined, url: string, keys: string[], connections: number, requests: number, seed: number): Promise<MeasuredRun> {
  const options: LoadOptions = { url, keys, connections, requests, warmup: warmupFor(requests), seed };
  const before = sampleProcess(serverPid);
  const result = await client.run<LoadResult>(options);
  const server = costBetween(before, sampleProcess(serverPid), options.requests + options.warmup);
  const run = server ? { ...result, server } : result;
  const failed = Object.keys(run.statuses).filter((status) => status !== '200');
  if (failed.length > 0) throw new Error(`answers other than 200 from ${url}: ${JSON.stringify(run.statuses)}`);
  return run;
}

/**
 * One placement: the HTTP floor, Portcullis NORMAL and FULL on fresh copies of the small log,
 * NORMAL on the large log; one pinned client process for all of them, each server pinned.
 */
export async function measurePlacement(placement: Placement, ctx: PlacementContext): Promise<PlacementResult> {
  const { config, small, large, sqliteFloor } = ctx;
  const where = placement.serverCpu === undefined ? '' : ` server cpu ${placement.serverCpu}, client cpu ${placement.clientCpu}`;
  const progress = (line: string) => ctx.progress(`[${placement.name}${where}] ${line}`);
  const client = startJobs('client', placement.clientCpu);
  try {
    progress('HTTP floor');
    const floorServer = startServer<'floor-server', { url: string }>('floor-server', { responseBytes: small.responseBytes }, placement.serverCpu);
    let httpFloor: PlacementResult['httpFloor'];
    try {
      const { url } = await floorServer.ready;
      httpFloor = {
        latency: await load(client, floorServer.pid, url, [], 1, config.latencyRequests, config.seed),
        throughput: await load(client, floorServer.pid, url, [], config.connections, config.throughputRequests, config.seed),
      };
    } finally {
      await floorServer.stop();
    }

    const measure = async (synchronous: SynchronousMode, dataDir: string, keys: string[], latencyRequests: number, throughputRequests: number) => {
      const service = startServer<'service', { url: string }>('service', { dataDir, synchronous }, placement.serverCpu);
      try {
        const { url } = await service.ready;
        return {
          latency: await load(client, service.pid, url, keys, 1, latencyRequests, config.seed),
          throughput: throughputRequests > 0 ? await load(client, service.pid, url, keys, config.connections, throughputRequests, config.seed) : undefined,
        };
      } finally {
        await service.stop();
      }
    };
    // Each mode starts from the same small log, so neither measures the other's appends.
    const onCopy = async <T>(name: string, fn: (dir: string) => Promise<T>): Promise<T> => {
      const dir = join(ctx.root, `${placement.name}-${name}`);
      cpSync(ctx.smallTemplate, dir, { recursive: true });
      try {
        return await fn(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    progress(`Portcullis, synchronous=NORMAL, ${small.entries}-entry log`);
    const normal = await onCopy('normal', (dir) => measure('NORMAL', dir, small.agentKeys, config.latencyRequests, config.throughputRequests));
    progress(`Portcullis, synchronous=FULL, ${small.entries}-entry log`);
    const full = await onCopy('full', (dir) => measure('FULL', dir, small.agentKeys, config.fullLatencyRequests, config.fullThroughputRequests));
    progress(`Portcullis, synchronous=NORMAL, ${large.entries}-entry log`);
    const largeRun = await measure('NORMAL', ctx.largeDir, large.agentKeys, config.latencyRequests, 0);

    const floorOf = (storage: number) => Math.round((httpFloor.latency.latency.p50 + storage) * 100) / 100;
    const partial = {
      ...placement,
      httpFloor,
      storageFloorP50: sqliteFloor.NORMAL.p50,
      floorP50: { NORMAL: floorOf(sqliteFloor.NORMAL.p50), FULL: floorOf(sqliteFloor.FULL.p50) },
      normal: { latency: normal.latency, throughput: normal.throughput as MeasuredRun },
      full: { latency: full.latency, throughput: full.throughput as MeasuredRun },
      large: { entries: large.entries, latency: largeRun.latency },
    };
    return { ...partial, ratios: ratiosOf(partial) };
  } finally {
    await client.stop();
  }
}
