/**
 * SDK overhead: `pc.evaluate(action)` against a bare `fetch` + `res.json()` of the same
 * `POST /v1/evaluate`, interleaved in one run against the real service (real engine, SQLite) in a
 * child process, so the service's own work is the same on both sides and only the SDK's share
 * differs. Budget: p50 at most 50 µs above the bare call.
 *
 *   npx tsx bench/sdk.ts [iterations]      (npm run bench:sdk)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Portcullis } from '../sdk/src/index';

const SERVER_FLAG = '--serve';
const BUDGET_US = 50;

const ACTION = {
  type: 'db_query',
  tool: 'sql.query',
  verb: 'select',
  target: { system: 'postgres', resource: 'orders' },
  payload: { query: 'SELECT id, status FROM orders WHERE id = 42' },
};

/** The child: the real service with one agent; prints `{url, key}` once listening. */
async function serve(): Promise<void> {
  const { startService } = await import('../src-main/server/service');
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-bench-sdk-'));
  // No rate limit in the way: the bench sends far more than an agent normally would.
  const service = await startService({ dataDir: dir, host: '127.0.0.1', port: 0, log: () => {}, agentRateLimit: 10_000_000 });
  const { key } = service.engine.agents.add({ name: 'bench-agent', role: 'ops' }, 'bench');
  process.stdout.write(`${JSON.stringify({ url: service.url, key })}\n`);
  const stop = () => void service.close().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop).resume();
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

async function measure(iterations: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), SERVER_FLAG], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  const { url, key } = JSON.parse(first) as { url: string; key: string };
  const pc = new Portcullis({ url, apiKey: key });
  const body = JSON.stringify({ action: ACTION });
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json' };

  const bare = async () => {
    const res = await fetch(`${url}/v1/evaluate`, { method: 'POST', headers, body });
    const answer = (await res.json()) as { decision: string };
    if (answer.decision !== 'allow') throw new Error(`bare call: expected allow, got ${answer.decision}`);
  };
  const sdk = async () => {
    const verdict = await pc.evaluate(ACTION);
    if (!verdict.allowed) throw new Error(`sdk call: expected allow, got ${verdict.reasons.join('; ')}`);
  };

  for (let i = 0; i < Math.min(1000, iterations); i++) {
    await bare();
    await sdk();
  }
  const wall = { bare: [] as number[], sdk: [] as number[], paired: [] as number[] };
  const cpu = { bare: [] as number[], sdk: [] as number[], paired: [] as number[] };
  for (let i = 0; i < iterations; i++) {
    // Alternate which goes first so neither always runs on a warmer connection or GC state.
    const sdkFirst = i % 2 === 1;
    const timed: Record<'bare' | 'sdk', { wall: number; cpu: number }> = { bare: { wall: 0, cpu: 0 }, sdk: { wall: 0, cpu: 0 } };
    for (const name of sdkFirst ? (['sdk', 'bare'] as const) : (['bare', 'sdk'] as const)) {
      const startedCpu = process.cpuUsage();
      const started = performance.now();
      await (name === 'sdk' ? sdk() : bare());
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(startedCpu);
      timed[name] = { wall: elapsed, cpu: (used.user + used.system) / 1000 };
    }
    for (const [series, key] of [[wall, 'wall'], [cpu, 'cpu']] as const) {
      series.bare.push(timed.bare[key]);
      series.sdk.push(timed.sdk[key]);
      series.paired.push(timed.sdk[key] - timed.bare[key]);
    }
  }
  child.stdin.end();
  await new Promise((resolve) => child.once('exit', resolve));

  console.log(`SDK overhead over a bare fetch + res.json() of POST /v1/evaluate: ${iterations} interleaved pairs,`);
  console.log(`real service in a child process; Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('');
  console.log('| agent side | bare p50 | bare p99 | SDK p50 | SDK p99 | SDK p50 / bare p50 | p50 difference | median paired difference |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [label, series] of [['wall clock', wall], ['CPU time', cpu]] as const) {
    for (const list of Object.values(series)) list.sort((a, b) => a - b);
    const bareP50 = percentile(series.bare, 50);
    const sdkP50 = percentile(series.sdk, 50);
    console.log(
      `| ${label} | ${us(bareP50)} | ${us(percentile(series.bare, 99))} | ${us(sdkP50)} | ${us(percentile(series.sdk, 99))} | ` +
        `${(sdkP50 / bareP50).toFixed(2)}× | ${us(sdkP50 - bareP50)} | ${us(percentile(series.paired, 50))} |`,
    );
  }
  const cpuOverheadUs = (percentile(cpu.sdk, 50) - percentile(cpu.bare, 50)) * 1000;
  const wallOverheadUs = (percentile(wall.sdk, 50) - percentile(wall.bare, 50)) * 1000;
  console.log('');
  console.log(`budget: p50 at most ${BUDGET_US} µs above the bare call`);
  console.log(`  wall clock: ${wallOverheadUs.toFixed(1)} µs (${wallOverheadUs <= BUDGET_US ? 'within' : 'over'}; includes the service's and the machine's noise)`);
  console.log(`  agent-side CPU: ${cpuOverheadUs.toFixed(1)} µs (${cpuOverheadUs <= BUDGET_US ? 'within' : 'over'}; what the SDK itself adds, unaffected by waiting on the service)`);
}

if (process.argv.includes(SERVER_FLAG)) {
  await serve();
} else {
  const iterations = Number(process.argv[2] ?? 5000);
  if (!Number.isInteger(iterations) || iterations <= 0) throw new Error('usage: npx tsx bench/sdk.ts [iterations]');
  await measure(iterations);
}
