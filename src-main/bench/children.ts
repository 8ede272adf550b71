import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildRole, JobConfigs, JobRole, ServerConfigs, ServerRole } from './child';

/**
 * Starts benchmark children, optionally pinned to one CPU with `taskset -c N`, and makes sure
 * none outlives the run: every child is tracked, stopped by stopAll(), killed on exit, and
 * exits by itself when its stdin (a pipe from this process) closes.
 */

const live = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const here = dirname(fileURLToPath(import.meta.url));
const sourceEntry = join(here, 'child-main.ts');

/** From source: node --import tsx child-main.ts. From the built CLI: the CLI itself, hidden flags. */
function childCommand(role: ChildRole, config: unknown): { args: string[]; cwd: string } {
  const json = JSON.stringify(config ?? null);
  if (import.meta.url.endsWith('.ts') && existsSync(sourceEntry)) {
    return { args: [process.execPath, '--import', 'tsx', sourceEntry, role, json], cwd: join(here, '..', '..') };
  }
  const cli = process.argv[1];
  if (cli === undefined) throw new Error('cannot tell which script to re-run for a benchmark child');
  return { args: [process.execPath, ...process.execArgv, cli, 'bench', '--child', role, '--config', json], cwd: process.cwd() };
}

interface Spawned {
  pid: number | undefined;
  /** Resolves with the payload of each `READY`/`RESULT` line, in order. */
  next<T>(): Promise<T>;
  send(line: string): void;
  stop(): Promise<void>;
}

function spawnChild(role: ChildRole, config: unknown, cpu: number | undefined): Spawned {
  const { args, cwd } = childCommand(role, config);
  const argv = cpu === undefined ? args : ['taskset', '-c', String(cpu), ...args];
  const child = spawn(argv[0] as string, argv.slice(1), { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  let stderr = '';
  let buffered = '';
  const lines: string[] = [];
  const waiting: { resolve(value: unknown): void; reject(error: Error): void }[] = [];
  let failure: Error | undefined;
  const deliver = () => {
    while (lines.length > 0 && waiting.length > 0) {
      const payload = (lines.shift() as string).replace(/^(READY|RESULT) /, '');
      (waiting.shift() as (typeof waiting)[number]).resolve(JSON.parse(payload));
    }
    if (failure) for (const w of waiting.splice(0)) w.reject(failure);
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (/^(READY|RESULT) /.test(line)) lines.push(line);
    }
    deliver();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin?.on('error', () => {});
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      failure ??= new Error(`bench child ${role} exited (${signal ?? code}); stderr:\n${stderr}`);
      deliver();
      resolve();
    }),
  );
  child.on('error', (error) => {
    failure ??= error;
    deliver();
  });
  return {
    pid: child.pid,
    next: <T>() => new Promise<T>((resolve, reject) => {
      waiting.push({ resolve: resolve as (value: unknown) => void, reject });
      deliver();
    }),
    send: (line) => child.stdin?.write(`${line}\n`),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      failure ??= new Error(`bench child ${role} was stopped`);
      child.stdin?.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ServerChild<T> {
  /** The server's pid (taskset execs it, so the pid is the server's own). */
  pid: number | undefined;
  /** The READY payload (the URL). */
  ready: Promise<T>;
  stop(): Promise<void>;
}

export function startServer<R extends ServerRole, T>(role: R, config: ServerConfigs[R], cpu: number | undefined): ServerChild<T> {
  const child = spawnChild(role, config, cpu);
  const ready = child.next<T>();
  ready.catch(() => {});
  return { pid: child.pid, ready, stop: child.stop };
}

export interface JobChild<R extends JobRole> {
  /** Runs one job in the child; jobs run one after another. */
  run<T>(config: JobConfigs[R]): Promise<T>;
  stop(): Promise<void>;
}

export function startJobs<R extends JobRole>(role: R, cpu: number | undefined): JobChild<R> {
  const child = spawnChild(role, null, cpu);
  return {
    run: <T>(config: JobConfigs[R]) => {
      child.send(JSON.stringify(config));
      return child.next<T>();
    },
    stop: child.stop,
  };
}

export async function stopAll(): Promise<void> {
  const children = [...live];
  for (const child of children) {
    child.stdin?.end();
    child.kill('SIGTERM');
  }
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)))));
}
