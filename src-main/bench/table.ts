import type { BenchResult, MeasuredRun } from './result';
import type { LatencyStats } from './stats';

/** The human-readable report: one block per placement, each row against that placement's floor. */
export function formatTable(result: BenchResult): string {
  const lines: string[] = [];
  const { machine, config, traffic } = result;
  lines.push(`portcullis endpoint benchmark — node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadavgStart.join(' ')} → ${machine.loadavgEnd.join(' ')}`);
  lines.push(
    `traffic: requests ${traffic.requestBytes.min}–${traffic.requestBytes.max} B (median ${traffic.requestBytes.p50}), answers ~${traffic.responseBytes} B, ` +
      `~${traffic.entryBytes} B written per decision; verdicts of the first ${result.fill.small.decided}: ${Object.entries(traffic.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );
  lines.push(
    `runs: concurrency 1 × ${config.latencyRequests} (FULL ${config.fullLatencyRequests}), ${config.connections} connections × ${config.throughputRequests} (FULL ${config.fullThroughputRequests}); ` +
      `logs of ${result.fill.small.entries} and ${result.fill.large.entries} entries`,
  );
  for (const note of result.notes) lines.push(`note: ${note}`);
  lines.push('');
  const head = `${'run'.padEnd(44)} ${'p50 µs'.padStart(9)} ${'p99 µs'.padStart(9)} ${'p99.9 µs'.padStart(9)} ${'max µs'.padStart(9)} ${'req/s'.padStart(8)} ${'srv cpu'.padStart(8)} ${'cpu wait'.padStart(8)}  vs floor`;
  const row = (name: string, stats: LatencyStats, throughput: number | undefined, ratio: string, run?: MeasuredRun) =>
    `${name.padEnd(44)} ${fmt(stats.p50)} ${fmt(stats.p99)} ${fmt(stats.p999)} ${fmt(stats.max)} ${(throughput === undefined ? '' : String(throughput)).padStart(8)} ` +
    `${cost(run?.server?.cpuUsPerRequest)} ${cost(run?.server?.runWaitUsPerRequest)}  ${ratio}`;
  const throughputRow = (name: string, run: MeasuredRun, ratio = '') => row(`${name} @${run.connections} conns`, run.latency, run.throughput, ratio, run);
  lines.push(row('storage floor: prepared INSERT, NORMAL', result.sqliteFloor.NORMAL, undefined, ''));
  lines.push(row('storage floor: prepared INSERT, FULL', result.sqliteFloor.FULL, undefined, ''));
  lines.push(row('classification of each payload, in-process', result.classification, undefined, 'required work'));
  for (const p of result.placements) {
    lines.push('');
    const where = p.serverCpu === undefined ? 'unpinned' : `server cpu ${p.serverCpu}, client cpu ${p.clientCpu}`;
    lines.push(`placement ${p.name} (${where})`);
    lines.push(head);
    lines.push(row('HTTP floor (no-op fastify handler)', p.httpFloor.latency.latency, p.httpFloor.latency.throughput, '', p.httpFloor.latency));
    lines.push(`${'floor = HTTP floor + storage floor, p50'.padEnd(44)} ${fmt(p.floorP50.NORMAL)} (FULL ${p.floorP50.FULL})`);
    lines.push(`${'floor + classification, p50'.padEnd(44)} ${fmt(p.floorP50.NORMAL + result.classification.p50)} (the 1.5× target allows ${fmt(p.floorP50.NORMAL * 0.5).trim()} over the floor)`);
    lines.push(row(`Portcullis NORMAL, ${result.fill.small.entries} entries`, p.normal.latency.latency, p.normal.latency.throughput, `${p.ratios.p50VsFloor}× (server CPU ${p.ratios.cpuVsFloor ?? '–'}×)`, p.normal.latency));
    lines.push(row(`Portcullis NORMAL, ${p.large.entries} entries`, p.large.latency.latency, p.large.latency.throughput, `${p.ratios.largeP50VsSmall}× the small log (p99 ${p.ratios.largeP99VsSmall}×)`, p.large.latency));
    lines.push(row('Portcullis FULL (one fsync per decision)', p.full.latency.latency, p.full.latency.throughput, `${p.ratios.fullP50VsFloor}×`, p.full.latency));
    lines.push(throughputRow('HTTP floor', p.httpFloor.throughput));
    lines.push(throughputRow('Portcullis NORMAL', p.normal.throughput, `${p.ratios.throughputVsHttpFloor}× floor req/s`));
    lines.push(throughputRow('Portcullis FULL', p.full.throughput));
  }
  lines.push('');
  lines.push('targets');
  for (const t of result.targets) {
    lines.push(`  ${t.met ? 'met    ' : 'NOT met'}  ${`${t.name} [${t.placement}]`.padEnd(48)} ${t.target.padEnd(11)} measured ${t.measured} ${t.unit}`);
  }
  return lines.join('\n');
}

/** Server µs per request (srv cpu: on a CPU; cpu wait: runnable, waiting for one). */
const cost = (value: number | undefined) => (value === undefined ? '' : value.toFixed(0)).padStart(8);

const fmt = (value: number) => (Number.isFinite(value) ? value.toFixed(value >= 1000 ? 0 : 1) : '–').padStart(9);
