import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

const WRITER = path.join(import.meta.dirname, 'crash-writer.ts');
const RUN_COMMAND = path.join(import.meta.dirname, 'run-command.ts');
const MAX_ROUNDS = 14;
const MIN_ROUNDS = 4;
/** Rounds stop after this much time (a loaded CI box starts children slowly), never before MIN_ROUNDS. */
const BUDGET_MS = 40_000;

/** Runs the writer until a random moment after its first acknowledgement, then SIGKILLs it. */
function runAndKill(dataDir: string, killAfterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let pending = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) acked.push(Number(line));
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own: ${stderr}`));
      else resolve(acked);
    });
  });
}

it('after SIGKILL at random moments the chain verifies and holds every acknowledged seq', async () => {
  const dataDir = tempDir();
  let maxAcked = -1;
  let total = 0;
  let round = 0;
  const started = Date.now();
  for (; round < MAX_ROUNDS && (round < MIN_ROUNDS || Date.now() - started < BUDGET_MS); round += 1) {
    const acked = await runAndKill(dataDir, 5 + Math.floor(Math.random() * 400));
    expect(acked.length, `round ${round} acknowledged nothing`).toBeGreaterThan(0);
    expect(acked[0], 'a restart never reuses an acknowledged seq').toBeGreaterThan(maxAcked);
    maxAcked = Math.max(maxAcked, ...acked);
    total += acked.length;
    const report = verifyDataDir({ dataDir });
    expect(report.damage, `round ${round}: ${JSON.stringify(report.damage)}`).toBeUndefined();
    expect(report.lastSeq).toBeGreaterThanOrEqual(maxAcked);
  }
  expect(total).toBeGreaterThan(round);
  const cli = spawnSync(process.execPath, ['--import', 'tsx', RUN_COMMAND, 'verify', '--data', dataDir], { encoding: 'utf8' });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(0);
  expect(cli.stdout).toMatch(/^ok: \d+ entries, /);
}, 120_000);
