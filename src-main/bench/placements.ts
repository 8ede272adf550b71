import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Where the server and the client run. On a small VM a loopback round trip costs very
 * different amounts when both share a vCPU or not, and an unpinned run lands in either mode at
 * random, so each placement is pinned with taskset and measured against its own floor.
 */
export interface Placement {
  name: 'same' | 'split' | 'unpinned';
  serverCpu?: number;
  clientCpu?: number;
}

export const PLACEMENT_NAMES = ['same', 'split'] as const;
export type PlacementName = (typeof PLACEMENT_NAMES)[number];

export function tasksetAvailable(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The placements to measure, and a note when some cannot be. */
export function resolvePlacements(wanted: readonly PlacementName[]): { placements: Placement[]; note?: string } {
  if (!tasksetAvailable()) {
    return { placements: [{ name: 'unpinned' }], note: 'taskset is not available here: one unpinned run, which may land in either placement' };
  }
  const cpus = availableParallelism();
  const placements: Placement[] = [];
  let note: string | undefined;
  for (const name of wanted) {
    if (name === 'same') placements.push({ name, serverCpu: 0, clientCpu: 0 });
    else if (cpus >= 2) placements.push({ name, serverCpu: 0, clientCpu: 1 });
    else note = 'only one CPU: the split placement cannot be measured';
  }
  return note === undefined ? { placements } : { placements, note };
}
