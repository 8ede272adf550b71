/**
 * Audit log benchmark: `npx tsx bench/audit.ts [--entries N]` (default 1,000,000).
 * Measures, in one run and beside floors taken on the same machine, append latency with
 * synchronous=NORMAL and FULL, entry signatures, verification throughput, and whether
 * append latency grows with the log. Prints a table with ratios; asserts nothing.
 */
import canonicalize from 'canonicalize';
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openAuditLog } from '../src-main/audit/audit-log';
import type { AuditLog } from '../src-main/audit/audit-log';
import { entryEnvelope } from '../src-main/audit/entry-hash';
import { verifyDataDir } from '../src-main/audit/verify-store';
import { AuditWriter } from '../src-main/store/audit-writer';
import { openStore, openStoreReadonly } from '../src-main/store/database';
import type { Store, SynchronousMode } from '../src-main/store/database';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '1000000' } } });
const BIG = Number(values.entries);
const root = mkdtempSync(path.join(os.tmpdir(), 'portcullis-bench-'));
let dirs = 0;
const freshDir = () => path.join(root, `d${dirs++}`);

/** A decision body of realistic size (~700 bytes of JCS), varied per entry. */
function body(i: number): Record<string, unknown> {
  return {
    agent: { id: `agt_${i % 17}`, name: 'billing-bot', role: 'finance', org_unit: 'emea', environment: 'prod' },
    action: { type: 'http', tool: 'fetch', verb: 'POST', target: { system: 'crm', resource: `/v1/customers/${i}`, host: 'crm.internal', external: false } },
    decision: 'allow',
    risk: { score: i % 100, factors: { action_severity: 30, payload_sensitivity: 55, temporal_deviation: 10, environment: 60, behavioral_deviation: 5, sequence_correlation: 0, threat_signals: 0 } },
    rules: [{ rule: 'org.default.allow', reason: 'within policy' }],
    classification: { types: ['email'], findings: [{ type: 'email', count: 1, max_confidence: 0.98 }] },
    latency_us: 123,
  };
}

interface Latency {
  p50: number;
  p99: number;
  perSecond: number;
}

/** Collects per-call latency (µs) and busy time for one side of a paired measurement. */
class Sampler {
  private readonly samples: number[] = [];
  private busyNs = 0n;

  run(count: number, offset: number, fn: (i: number) => void): void {
    for (let i = 0; i < count; i += 1) {
      const t0 = process.hrtime.bigint();
      fn(offset + i);
      const dt = process.hrtime.bigint() - t0;
      this.busyNs += dt;
      this.samples.push(Number(dt) / 1000);
    }
  }

  result(): Latency {
    const sorted = Float64Array.from(this.samples).sort();
    return {
      p50: sorted[Math.floor(sorted.length * 0.5)] as number,
      p99: sorted[Math.floor(sorted.length * 0.99)] as number,
      perSecond: sorted.length / (Number(this.busyNs) / 1e9),
    };
  }
}

/**
 * The floor (the log's own INSERT statement with bytes prepared in advance, in a database
 * of its own) and the real append, alternated in blocks so both see the same machine load.
 */
function pairedAppend(synchronous: SynchronousMode, count: number, signEntries = false): { floor: Latency; append: Latency } {
  return withStore(synchronous, (floorStore) =>
    withStore(synchronous, (store, dir) => {
      const writer = new AuditWriter(floorStore.db);
      const texts = Array.from({ length: 1000 }, (_, i) => canonicalize(body(i)) as string);
      const bodies = Array.from({ length: 1000 }, (_, i) => body(i));
      const h = Buffer.alloc(32, 7);
      const ts = Date.now();
      const log = openAuditLog(store, { dataDir: dir, checkpointIntervalMs: 0, signEntries });
      const floor = new Sampler();
      const append = new Sampler();
      const block = Math.min(500, count);
      for (let done = 0; done < count; done += block) {
        floor.run(block, done, (i) => writer.appendEntry(i, ts, 'decision', 'portcullis/bench', texts[i % 1000] as string, h, h, null));
        append.run(block, done, (i) => log.append('decision', bodies[i % 1000] as Record<string, unknown>));
      }
      log.close();
      return { floor: floor.result(), append: append.result() };
    }),
  );
}

function measure(count: number, fn: (i: number) => void): Latency {
  const sampler = new Sampler();
  sampler.run(count, 0, fn);
  return sampler.result();
}

function withStore<T>(synchronous: SynchronousMode, fn: (store: Store, dir: string) => T): T {
  const dir = freshDir();
  const store = openStore(dir, { synchronous });
  try {
    return fn(store, dir);
  } finally {
    store.close();
  }
}

/** The floor for verification: SHA-256 over the same bytes an entry hash covers. */
function bareHashing(count: number): number {
  const inputs = Array.from({ length: 1000 }, (_, i) =>
    Buffer.concat([Buffer.from('portcullis/audit/v1\n'), Buffer.alloc(32, 7), Buffer.from(entryEnvelope(i, Date.now(), 'decision', 'portcullis/bench', canonicalize(body(i)) as string))]),
  );
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) hash('sha256', inputs[i % 1000] as Buffer, 'binary');
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * What any verifier of this database pays before hashing anything: stepping through every row
 * and handing its columns to JavaScript (read-only connection, the same memory map).
 */
function bareScan(dir: string): number {
  const store = openStoreReadonly(dir);
  try {
    store.db.pragma(`mmap_size = ${2 ** 40}`);
    const rows = store.db.prepare('SELECT seq, ts, kind, origin, body, prev_hash, hash, sig FROM audit_entries ORDER BY seq').raw();
    const start = process.hrtime.bigint();
    let count = 0;
    for (const _row of rows.iterate()) count += 1;
    return count / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    store.close();
  }
}

function verifyRate(dir: string): { perSecond: number; seconds: number; entries: number } {
  const start = process.hrtime.bigint();
  const report = verifyDataDir({ dataDir: dir });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (report.damage) throw new Error(`benchmark log does not verify: ${report.damage.detail}`);
  return { perSecond: report.entries / seconds, seconds, entries: report.entries };
}

/** Fills a log to BIG entries, sampling append latency around 10k and at the end. */
function growingLog(): { dir: string; at10k: Latency; atBig: Latency; fillSeconds: number } {
  const dir = freshDir();
  const store = openStore(dir);
  const log: AuditLog = openAuditLog(store, { dataDir: dir, checkpointIntervalMs: 0 });
  const bodies = Array.from({ length: 1000 }, (_, i) => body(i));
  const window = 10_000;
  const start = process.hrtime.bigint();
  const fill = (until: number) => {
    while (log.size < until) log.append('decision', bodies[log.size % 1000] as Record<string, unknown>);
  };
  fill(10_000);
  const at10k = measure(window, (i) => log.append('decision', bodies[i % 1000] as Record<string, unknown>));
  fill(BIG - window);
  const atBig = measure(window, (i) => log.append('decision', bodies[i % 1000] as Record<string, unknown>));
  const fillSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  log.close();
  store.close();
  return { dir, at10k, atBig, fillSeconds };
}

const us = (n: number) => `${n.toFixed(1)} µs`;
const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
const ratio = (n: number) => `${n.toFixed(2)}×`;
const rows: string[][] = [];
const row = (...cells: string[]) => rows.push(cells);

try {
  console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()}; log of ${BIG.toLocaleString('en-US')} entries; load average ${os.loadavg()[0]?.toFixed(1)}`);
  const normal = pairedAppend('NORMAL', 20_000);
  const full = pairedAppend('FULL', 1_000);
  const signed = pairedAppend('NORMAL', 5_000, true);

  row('measure', 'Portcullis', 'floor', 'ratio', 'target');
  row('append p50, synchronous=NORMAL', us(normal.append.p50), us(normal.floor.p50), ratio(normal.append.p50 / normal.floor.p50), '≤ 1.5×');
  row('append p99, synchronous=NORMAL', us(normal.append.p99), us(normal.floor.p99), ratio(normal.append.p99 / normal.floor.p99), '');
  row('appends/s, synchronous=NORMAL', rate(normal.append.perSecond), rate(normal.floor.perSecond), ratio(normal.append.perSecond / normal.floor.perSecond), '');
  row('append p50, synchronous=FULL', us(full.append.p50), us(full.floor.p50), ratio(full.append.p50 / full.floor.p50), '≤ 1.5×');
  row('append p99, synchronous=FULL', us(full.append.p99), us(full.floor.p99), ratio(full.append.p99 / full.floor.p99), '');
  row('appends/s, synchronous=FULL', rate(full.append.perSecond), rate(full.floor.perSecond), ratio(full.append.perSecond / full.floor.perSecond), '');
  row('append p50, NORMAL + entry signatures', us(signed.append.p50), us(signed.floor.p50), ratio(signed.append.p50 / signed.floor.p50), '(option)');

  const growing = growingLog();
  row('append p50 at 10k entries', us(growing.at10k.p50), '', '', '');
  row(`append p50 at ${BIG.toLocaleString('en-US')} entries`, us(growing.atBig.p50), us(growing.at10k.p50), ratio(growing.atBig.p50 / growing.at10k.p50), 'no growth');
  row(`append p99 at ${BIG.toLocaleString('en-US')} entries`, us(growing.atBig.p99), us(growing.at10k.p99), ratio(growing.atBig.p99 / growing.at10k.p99), '');
  const hashBefore = bareHashing(200_000);
  const verified = verifyRate(growing.dir);
  const hashAround = (hashBefore + bareHashing(200_000)) / 2;
  row('verification entries/s', rate(verified.perSecond), rate(hashAround), `${((100 * verified.perSecond) / hashAround).toFixed(0)} %`, '≥ 50 %');
  const scanned = bareScan(growing.dir);
  row('  reading the rows alone (bare SELECT)', rate(scanned), rate(hashAround), `${((100 * scanned) / hashAround).toFixed(0)} %`, '(floor)');
  row(`verify ${verified.entries.toLocaleString('en-US')} entries`, `${verified.seconds.toFixed(2)} s`, '', '', '< 10 s (1M)');

  const signedDir = freshDir();
  const signedStore = openStore(signedDir);
  const signedLog = openAuditLog(signedStore, { dataDir: signedDir, checkpointIntervalMs: 0, signEntries: true });
  for (let i = 0; i < 20_000; i += 1) signedLog.append('decision', body(i));
  signedLog.close();
  signedStore.close();
  const signedVerify = verifyRate(signedDir);
  const hashFloor = bareHashing(200_000);
  row('verification entries/s, entry signatures', rate(signedVerify.perSecond), rate(hashFloor), `${((100 * signedVerify.perSecond) / hashFloor).toFixed(0)} %`, '(option)');

  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(`(filling the ${BIG.toLocaleString('en-US')}-entry log took ${growing.fillSeconds.toFixed(1)} s; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
