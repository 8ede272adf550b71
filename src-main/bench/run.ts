import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { startJobs, stopAll } from './children';
import { measurePlacement, warmupFor, type PlacementContext } from './measure-placement';
import { generateRequests } from './payloads';
import { resolvePlacements, tasksetAvailable, type PlacementName } from './placements';
import type { PrefillResult } from './prefill';
import { checkTargets, type BenchResult, type PlacementResult } from './result';
import type { LatencyStats } from './stats';

export interface BenchOptions {
  quick: boolean;
  /** Timed requests of each concurrency-1 run (NORMAL); the rest scale from it. */
  requests: number;
  largeEntries: number;
  placements: readonly PlacementName[];
  progress: (line: string) => void;
}

export const CONNECTIONS = 32;
const SEED = 42;

/** Request counts: FULL commits one fsync per decision, so its runs are shorter. */
export function plan(options: Pick<BenchOptions, 'quick' | 'requests' | 'largeEntries'>): BenchResult['config'] {
  const latencyRequests = options.requests;
  return {
    quick: options.quick,
    latencyRequests,
    throughputRequests: latencyRequests,
    fullLatencyRequests: Math.max(50, Math.round(latencyRequests / 5)),
    fullThroughputRequests: Math.max(100, Math.round(latencyRequests / 2)),
    connections: CONNECTIONS,
    smallEntries: options.quick ? 500 : 10_000,
    decidedEntries: options.quick ? 100 : 2_000,
    largeEntries: options.largeEntries,
    seed: SEED,
  };
}

/**
 * The whole run: fill the logs, measure the storage floor, then each placement
 * (measure-placement.ts). Every process it starts is stopped before it returns, and the
 * temporary directory is removed.
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const config = plan(options);
  const began = performance.now();
  const progress = (line: string) => options.progress(`${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s  ${line}`);
  const startedAt = new Date().toISOString();
  const loadavgStart = os.loadavg().map((v) => Math.round(v * 100) / 100);
  const { placements, note } = resolvePlacements(options.placements);
  const notes = note ? [note] : [];
  const root = mkdtempSync(join(os.tmpdir(), 'portcullis-bench-'));
  // Also on an interrupted run (the CLI exits on SIGINT/SIGTERM; the children are killed first).
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  process.on('exit', removeRoot);
  try {
    progress(`filling a log to ${config.smallEntries} entries`);
    const filler = startJobs('prefill', undefined);
    const smallTemplate = join(root, 'small');
    const small = await filler.run<PrefillResult>({ dataDir: smallTemplate, entries: config.smallEntries, decide: config.decidedEntries, seed: SEED });
    progress(`filling a log to ${config.largeEntries} entries (setup, not timed)`);
    const largeDir = join(root, 'large');
    const large = await filler.run<PrefillResult>({ dataDir: largeDir, entries: config.largeEntries, decide: config.decidedEntries, seed: SEED });
    await filler.stop();
    progress(`  ${large.entries} entries in ${(large.fillMs / 1000).toFixed(1)} s`);
    // A large fill leaves gigabytes of dirty pages: write them back now, not during the first runs.
    if (process.platform !== 'win32') execFileSync('sync');

    progress('storage floor: prepared INSERT, NORMAL and FULL');
    const storage = startJobs('sqlite-floor', placements[0]?.serverCpu);
    const sqliteFloor = {
      NORMAL: await storage.run<LatencyStats>({ entryBytes: small.entryBytes, synchronous: 'NORMAL', count: config.latencyRequests, warmup: warmupFor(config.latencyRequests) }),
      FULL: await storage.run<LatencyStats>({ entryBytes: small.entryBytes, synchronous: 'FULL', count: config.fullLatencyRequests, warmup: 20 }),
    };
    await storage.stop();
    progress('classification of each payload, in-process');
    const classifier = startJobs('classification', placements[0]?.serverCpu);
    const classification = await classifier.run<LatencyStats>({ count: config.latencyRequests, warmup: warmupFor(config.latencyRequests), seed: SEED });
    await classifier.stop();

    const results: PlacementResult[] = [];
    const context: PlacementContext = { config, root, small, smallTemplate, large, largeDir, sqliteFloor, progress };
    for (const placement of placements) results.push(await measurePlacement(placement, context));

    const sizes = generateRequests(2_000, SEED).map((r) => r.json.length).sort((a, b) => a - b);
    const { agentKeys: _s, ...smallFill } = small;
    const { agentKeys: _l, ...largeFill } = large;
    if (large.entries < 1_000_000) notes.push(`the large log had ${large.entries} entries, not 1,000,000 (see --large-entries)`);
    return {
      kind: 'portcullis-endpoint-bench',
      version: 1,
      startedAt,
      machine: {
        node: process.version,
        platform: `${process.platform} ${os.release()}`,
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        loadavgStart,
        loadavgEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
        taskset: tasksetAvailable(),
      },
      config,
      notes,
      traffic: {
        requestBytes: { min: sizes[0] ?? 0, p50: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes[sizes.length - 1] ?? 0 },
        verdicts: small.verdicts,
        responseBytes: small.responseBytes,
        entryBytes: small.entryBytes,
      },
      fill: { small: smallFill, large: largeFill },
      sqliteFloor,
      classification,
      placements: results,
      targets: checkTargets(results),
    };
  } finally {
    await stopAll();
    removeRoot();
    process.off('exit', removeRoot);
  }
}
