import { UsageError, type Command } from '../cli/command';
import { CHILD_ROLES, runChild, type ChildRole } from './child';
import { PLACEMENT_NAMES, type PlacementName } from './placements';
import { runBench } from './run';
import { formatTable } from './table';

const DEFAULT_REQUESTS = 10_000;
const QUICK_REQUESTS = 100;
const DEFAULT_LARGE = 1_000_000;
const QUICK_LARGE = 1_500;

function positiveInt(raw: unknown, flag: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw) || Number(raw) < min) throw new UsageError(`${flag} must be a whole number ≥ ${min} (got '${String(raw)}')`);
  return Number(raw);
}

function placementsFrom(raw: unknown): PlacementName[] {
  if (raw === undefined) return [...PLACEMENT_NAMES];
  const names = String(raw).split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const bad = names.find((n) => !(PLACEMENT_NAMES as readonly string[]).includes(n));
  if (bad !== undefined || names.length === 0) throw new UsageError(`--placements takes a list of ${PLACEMENT_NAMES.join(', ')} (got '${String(raw)}')`);
  return [...new Set(names)] as PlacementName[];
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'measure the agent endpoint against its floors (latency, throughput, durability)',
  usage: `Usage: portcullis bench [--json] [--quick] [--requests N] [--placements same,split] [--large-entries N]

Measures POST /v1/evaluate end to end from a load client in another process: keep-alive,
concurrency 1 (p50/p99/p99.9) and ${32} connections (decisions per second), with the starter
policies and 1–4 KB agent-like payloads. In the same run it measures the floors: the same HTTP
stack (fastify) answering a fixed JSON from a no-op handler, and a bare prepared SQLite INSERT
of a decision's size. Server and client are pinned with taskset, both on one CPU (same) and on
two (split), each placement against its own floor; synchronous=NORMAL and FULL; a small audit
log and a large one (pre-filled through the real audit log). Uses only 127.0.0.1 and a
temporary directory; every process it starts is stopped at the end.

Options:
  --json               print one JSON object with every figure, the ratios and the targets
  --quick              a short run (${QUICK_REQUESTS} requests, small logs) to check it works
  --requests N         timed requests per concurrency-1 run (default ${DEFAULT_REQUESTS})
  --placements LIST    same, split or both (default same,split)
  --large-entries N    size of the large audit log (default ${DEFAULT_LARGE}; --quick ${QUICK_LARGE})
  --child, --config    internal: how bench starts its own server and client processes`,
  options: {
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    requests: { type: 'string' },
    placements: { type: 'string' },
    'large-entries': { type: 'string' },
    // Internal: how the built CLI runs its own benchmark children.
    child: { type: 'string' },
    config: { type: 'string' },
  },
  async run({ values }, io) {
    if (typeof values.child === 'string') {
      if (!CHILD_ROLES.includes(values.child as ChildRole) || typeof values.config !== 'string') throw new UsageError('--child needs a known role and --config');
      await runChild(values.child as ChildRole, JSON.parse(values.config), io.stdout);
      return 0;
    }
    const quick = values.quick === true;
    // Interrupted: exit, so the exit hooks kill the children and remove the temporary directory.
    const interrupt = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const result = await runBench({
      quick,
      requests: positiveInt(values.requests, '--requests', 10) ?? (quick ? QUICK_REQUESTS : DEFAULT_REQUESTS),
      largeEntries: positiveInt(values['large-entries'], '--large-entries', 100) ?? (quick ? QUICK_LARGE : DEFAULT_LARGE),
      placements: placementsFrom(values.placements),
      progress: (line) => io.stderr(`bench: ${line}`),
    });
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    io.stdout(values.json === true ? JSON.stringify(result) : formatTable(result));
    return 0;
  },
};

export const benchCommands: Command[] = [benchCommand];
