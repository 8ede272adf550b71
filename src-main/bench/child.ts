import { createInterface } from 'node:readline';
import { startService } from '../server/service';
import type { SynchronousMode } from '../store/database';
import { measureClassification } from './classify-floor';
import { startFloorServer } from './floor-server';
import { runLoad, type LoadOptions } from './load-client';
import { prefill } from './prefill';
import { measureSqliteFloor } from './sqlite-floor';

/**
 * What a benchmark child process does. Servers get their config on the command line, print
 * `READY <json>` once listening and serve until SIGTERM or until stdin closes. Job children
 * (load client, storage and classification floors, log fill) stay up for the whole run, so a
 * pinned process is started once per placement: each JSON line on stdin is one job, answered by
 * one `RESULT <json>` line on stdout, in order.
 */
export type ServerRole = 'floor-server' | 'service';
export type JobRole = 'prefill' | 'sqlite-floor' | 'classification' | 'client';
export type ChildRole = ServerRole | JobRole;

export interface ServerConfigs {
  'floor-server': { responseBytes: number };
  service: { dataDir: string; synchronous: SynchronousMode };
}

export interface JobConfigs {
  prefill: { dataDir: string; entries: number; decide: number; seed: number };
  'sqlite-floor': { entryBytes: number; synchronous: SynchronousMode; count: number; warmup: number };
  classification: { count: number; warmup: number; seed: number };
  client: LoadOptions;
}

export const CHILD_ROLES: readonly ChildRole[] = ['floor-server', 'service', 'prefill', 'sqlite-floor', 'classification', 'client'];

/** Resolves on SIGTERM/SIGINT, or when stdin closes (the parent is gone: do not outlive it). */
const untilTerminated = () =>
  new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
    process.stdin.on('end', () => resolve()).resume();
  });

async function serve(role: ServerRole, config: unknown, print: (line: string) => void): Promise<void> {
  if (role === 'floor-server') {
    const server = await startFloorServer((config as ServerConfigs['floor-server']).responseBytes);
    print(`READY ${JSON.stringify({ url: server.url })}`);
    await untilTerminated();
    await server.close();
    return;
  }
  const { dataDir, synchronous } = config as ServerConfigs['service'];
  // No per-agent rate limit: the benchmark drives a few agents far beyond the default 2000/s.
  const service = await startService({ dataDir, host: '127.0.0.1', port: 0, synchronous, agentRateLimit: 1e9, log: (line) => process.stderr.write(`${line}\n`) });
  print(`READY ${JSON.stringify({ url: service.url, entries: service.engine.audit.size })}`);
  await untilTerminated();
  await service.close();
}

function job(role: JobRole, config: unknown): Promise<unknown> | unknown {
  switch (role) {
    case 'prefill': {
      const { dataDir, entries, decide, seed } = config as JobConfigs['prefill'];
      return prefill(dataDir, entries, decide, seed);
    }
    case 'sqlite-floor': {
      const { entryBytes, synchronous, count, warmup } = config as JobConfigs['sqlite-floor'];
      return measureSqliteFloor(entryBytes, synchronous, count, warmup);
    }
    case 'classification': {
      const { count, warmup, seed } = config as JobConfigs['classification'];
      return measureClassification(count, warmup, seed);
    }
    case 'client':
      return runLoad(config as LoadOptions);
  }
}

export async function runChild(role: ChildRole, config: unknown, print: (line: string) => void): Promise<void> {
  if (role === 'floor-server' || role === 'service') return serve(role, config, print);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    print(`RESULT ${JSON.stringify(await job(role, JSON.parse(line)))}`);
  }
}
