import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tasksetAvailable } from '../../src-main/bench/placements';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs `bench --quick --json` for real (servers, clients, pinned children) and returns its output. */
function runQuickBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/endpoint.ts'), '--quick', '--json'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const latencyShape = { samples: expect.any(Number), p50: expect.any(Number), p99: expect.any(Number), p999: expect.any(Number), max: expect.any(Number) };
const loadShape = { connections: expect.any(Number), requests: expect.any(Number), throughput: expect.any(Number), latency: expect.objectContaining(latencyShape), statuses: { '200': expect.any(Number) } };

// Structure only: timings on a shared CI machine say nothing, so no thresholds are checked.
describe('portcullis bench --quick --json', () => {
  it('measures floors, both modes, both log sizes and every placement, and reports ratios and targets', async () => {
    const { code, stdout, stderr } = await runQuickBench();
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string);

    expect(result).toMatchObject({ kind: 'portcullis-endpoint-bench', version: 1, config: { quick: true, connections: 32 } });
    expect(result.sqliteFloor.NORMAL).toMatchObject(latencyShape);
    expect(result.sqliteFloor.FULL).toMatchObject(latencyShape);
    expect(result.classification).toMatchObject({ ...latencyShape, samples: result.config.latencyRequests });
    expect(result.traffic.requestBytes.min).toBeGreaterThanOrEqual(1024);
    expect(result.traffic.requestBytes.max).toBeLessThanOrEqual(4096);
    expect(result.fill.large.entries).toBeGreaterThan(result.fill.small.entries);

    const names = result.placements.map((p: { name: string }) => p.name);
    if (tasksetAvailable()) {
      expect(names).toEqual(['same', 'split']);
    } else {
      expect(names).toEqual(['unpinned']);
      expect(result.notes.join(' ')).toMatch(/taskset/);
    }
    for (const p of result.placements) {
      expect(p.httpFloor.latency).toMatchObject(loadShape);
      expect(p.httpFloor.throughput).toMatchObject({ ...loadShape, connections: 32 });
      expect(p.floorP50).toEqual({ NORMAL: expect.any(Number), FULL: expect.any(Number) });
      for (const mode of [p.normal, p.full]) {
        expect(mode.latency).toMatchObject({ ...loadShape, connections: 1 });
        expect(mode.throughput).toMatchObject({ ...loadShape, connections: 32 });
      }
      expect(p.large).toMatchObject({ entries: result.fill.large.entries, latency: loadShape });
      for (const key of ['p50VsFloor', 'fullP50VsFloor', 'throughputVsHttpFloor', 'largeP50VsSmall', 'largeP99VsSmall', 'largeP999VsSmall']) {
        expect(p.ratios[key], key).toEqual(expect.any(Number));
      }
      if (process.platform === 'linux') {
        // Server CPU per request comes from /proc: present on Linux, with its ratio.
        for (const run of [p.httpFloor.latency, p.normal.latency, p.full.latency, p.large.latency]) {
          expect(run.server).toEqual({ cpuUsPerRequest: expect.any(Number), runWaitUsPerRequest: expect.any(Number) });
        }
        expect(p.ratios.cpuVsFloor).toEqual(expect.any(Number));
      } else {
        expect(p.ratios).toHaveProperty('cpuVsFloor');
      }
    }
    const targetNames = new Set(result.targets.map((t: { name: string }) => t.name));
    for (const name of ['end-to-end p50 vs floor', 'p99 at concurrency 1', 'p99.9 at concurrency 1', 'FULL p50', 'p50 flat, small → large log']) {
      expect(targetNames).toContain(name);
    }
    for (const t of result.targets) expect(t).toEqual({ name: expect.any(String), placement: expect.any(String), target: expect.any(String), measured: expect.any(Number), unit: expect.any(String), met: expect.any(Boolean) });
  }, 600_000);
});
