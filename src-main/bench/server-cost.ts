import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the server process spent, from Linux's per-thread scheduler statistics
 * (/proc/PID/task/TID/schedstat: ns on a CPU, ns runnable but waiting for one). CPU time per
 * request does not depend on how busy the machine is; the wait shows how much of the latency
 * was other processes holding the CPU. Undefined where /proc is not available.
 */
export interface ServerCost {
  /** CPU time of all the server's threads per request, µs. */
  cpuUsPerRequest: number;
  /** Time its threads were runnable but not running, per request, µs. */
  runWaitUsPerRequest: number;
}

interface Sample {
  cpuNs: number;
  waitNs: number;
}

export function sampleProcess(pid: number | undefined): Sample | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  try {
    let cpuNs = 0;
    let waitNs = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const [cpu, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      cpuNs += Number(cpu);
      waitNs += Number(wait);
    }
    return { cpuNs, waitNs };
  } catch {
    return undefined;
  }
}

export function costBetween(before: Sample | undefined, after: Sample | undefined, requests: number): ServerCost | undefined {
  if (!before || !after || requests <= 0) return undefined;
  const perRequest = (ns: number) => Math.round(ns / requests / 10) / 100;
  return { cpuUsPerRequest: perRequest(after.cpuNs - before.cpuNs), runWaitUsPerRequest: perRequest(after.waitNs - before.waitNs) };
}
