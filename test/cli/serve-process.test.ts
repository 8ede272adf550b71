import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startServeProcess, type ServeProcess } from '../support/serve-process';

const started: ServeProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

const serve = async (options: Parameters<typeof startServeProcess>[0] = {}) => {
  const s = await startServeProcess({ entry: 'source', ...options });
  started.push(s);
  return s;
};

const runSource = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });

describe('portcullis serve as a process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints exactly one stdout line and exits 0 on %s', async (signal) => {
    const s = await serve();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${s.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await s.stop(signal)).toBe(0);
    expect(s.stdout()).toBe(`listening on ${s.url}\n`);
    expect(s.stderr()).toContain(`${signal}: shutting down`);
  });

  it('refuses a second service on the same data directory, naming the holder', async () => {
    const first = await serve();
    const second = runSource(['serve', '--port', '0', '--data', first.dataDir]);
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr.trim()).toBe(
      `portcullis: data directory ${first.dataDir} is in use by another Portcullis process (pid ${first.child.pid})`,
    );
  });

  it('reports a port in use as one line and exit 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-port-'));
    try {
      const result = runSource(['serve', '--port', String(port), '--data', dataDir]);
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('EADDRINUSE');
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
