/**
 * Runs OPA's conformance cases (../shared/conformance/opa/cases.jsonl) against the Portcullis
 * Rego engine with OPA's comparison rules, prints pass/fail per tier and category, and writes
 * the failures to .cache/conformance-failures.txt. Unsupported cases count as failures.
 *
 *   npx tsx scripts/conformance.ts [--filter <substring>] [--verbose]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Builtin } from '../src-main/policy/builtins/registry';
import { builtinError } from '../src-main/policy/errors';
import { Program } from '../src-main/policy/program';
import { compare, fromJSON, keyOf, toJSON, type Value } from '../src-main/policy/value';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CONFORMANCE_DIR = resolve(REPO_ROOT, '..', 'shared', 'conformance', 'opa');

interface Case {
  id: string;
  category: string;
  query: string;
  modules: string[];
  data: unknown;
  input: unknown;
  input_term: string | null;
  want_result: Record<string, unknown>[] | null;
  want_error_code: string | null;
  want_error: string | null;
  sort_bindings: boolean;
  strict_error: boolean;
  ignore_generated_vars: boolean;
  tier: number;
}

export interface CaseOutcome {
  id: string;
  category: string;
  tier: number;
  pass: boolean;
  reason: string;
}

export interface Tally { pass: number; fail: number; total: number }

export interface ConformanceReport {
  outcomes: CaseOutcome[];
  perTier: Record<string, Tally>;
  perCategory: Record<string, Tally & { tiers: Record<string, Tally> }>;
}

/** The test-only builtin OPA's runner registers (`time/test-time-0947` uses it). */
const TEST_SLEEP: Builtin = {
  name: 'test.sleep',
  arity: 1,
  fn(args) {
    const d = args[0];
    if (typeof d !== 'string') throw builtinError('operand 1 must be string');
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s)$/.exec(d);
    if (!m) throw builtinError(`invalid duration ${d}`);
    const scale: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000 };
    const ms = Number(m[1]) * scale[m[2]!]!;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return null;
  },
};

export function loadCases(dir = CONFORMANCE_DIR): Case[] {
  const text = readFileSync(join(dir, 'cases.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case);
}

/** JSON round trip as OPA's runner does: sets become sorted arrays, odd keys become strings. */
function normalize(v: Value): Value {
  return fromJSON(toJSON(v));
}

function rowKey(row: Record<string, Value>): string {
  const entries = Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([k, v]) => JSON.stringify(k) + '=' + keyOf(v)).join('\u0002');
}

function inputOf(c: Case): Value | undefined {
  if (c.input_term !== null) {
    const p = Program.fromModules([]);
    const r = p.evaluate(p.prepareQuery(`input_value = ${c.input_term}`));
    if (r.error) throw r.error;
    return r.rows[0]?.["input_value"];
  }
  return c.input === null || c.input === undefined ? undefined : fromJSON(c.input);
}

export function runCase(c: Case): CaseOutcome {
  const base = { id: c.id, category: c.category, tier: c.tier };
  let result;
  try {
    const program = Program.compile(
      c.modules.map((source, i) => ({ file: `test-${i}.rego`, source })),
      fromJSON(c.data ?? {}),
      [TEST_SLEEP],
    );
    const query = program.prepareQuery(c.query);
    result = program.evaluate(query, { input: inputOf(c), strict: c.strict_error, limits: { timeoutMs: 5_000 } });
  } catch (e) {
    return { ...base, pass: false, reason: `compile: ${e instanceof Error ? e.message : String(e)}` };
  }
  const err = result.error;
  if (c.want_error !== null) {
    if (!err) return { ...base, pass: false, reason: `expected error containing ${JSON.stringify(c.want_error)}, got none` };
    if (!err.message.includes(c.want_error)) return { ...base, pass: false, reason: `error ${JSON.stringify(err.message)} lacks ${JSON.stringify(c.want_error)}` };
  }
  if (c.want_error_code !== null) {
    if (!err) return { ...base, pass: false, reason: `expected ${c.want_error_code}, got no error` };
    if (err.code !== c.want_error_code) return { ...base, pass: false, reason: `expected ${c.want_error_code}, got ${err.message}` };
  }
  if (err && c.want_error === null && c.want_error_code === null) {
    return { ...base, pass: false, reason: `unexpected error: ${err.message}` };
  }
  if (c.want_result !== null) {
    const expected = new Set(c.want_result.map((row) => rowKey(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fromJSON(v)])))));
    const actualRows = result.rows.map((row) => {
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(row)) {
        if (c.ignore_generated_vars && k.startsWith('__localq')) continue;
        let n = normalize(v);
        if (c.sort_bindings && Array.isArray(n)) n = n.slice().sort(compare);
        out[k] = n;
      }
      return out;
    });
    const actual = new Set(actualRows.map(rowKey));
    const same = expected.size === actual.size && [...expected].every((k) => actual.has(k));
    if (!same) {
      const got = JSON.stringify(actualRows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toJSON(v)]))));
      return { ...base, pass: false, reason: `want ${JSON.stringify(c.want_result)} got ${got.slice(0, 400)}` };
    }
  }
  return { ...base, pass: true, reason: '' };
}

function tally(t: Tally | undefined, pass: boolean): Tally {
  const out = t ?? { pass: 0, fail: 0, total: 0 };
  out.total++;
  if (pass) out.pass++;
  else out.fail++;
  return out;
}

export function runConformance(opts: { dir?: string; filter?: string } = {}): ConformanceReport {
  const cases = loadCases(opts.dir).filter((c) => !opts.filter || c.id.includes(opts.filter));
  const outcomes = cases.map(runCase);
  const perTier: Record<string, Tally> = {};
  const perCategory: ConformanceReport['perCategory'] = {};
  for (const o of outcomes) {
    perTier[o.tier] = tally(perTier[o.tier], o.pass);
    const cat = (perCategory[o.category] ??= { pass: 0, fail: 0, total: 0, tiers: {} });
    tally(cat, o.pass);
    cat.tiers[o.tier] = tally(cat.tiers[o.tier], o.pass);
  }
  return { outcomes, perTier, perCategory };
}

const pct = (t: Tally): string => (t.total === 0 ? '-' : `${((100 * t.pass) / t.total).toFixed(1)}%`);

export function formatReport(r: ConformanceReport): string {
  const lines: string[] = ['tier  pass  fail  total  rate'];
  for (const [tier, t] of Object.entries(r.perTier).sort()) {
    lines.push(`${tier.padEnd(4)}  ${String(t.pass).padStart(4)}  ${String(t.fail).padStart(4)}  ${String(t.total).padStart(5)}  ${pct(t)}`);
  }
  lines.push('', 'category                        pass  fail  total  rate   (t1 / t2 / t3 pass/total)');
  for (const [cat, t] of Object.entries(r.perCategory).sort()) {
    const tiers = ['1', '2', '3'].map((x) => (t.tiers[x] ? `${t.tiers[x]!.pass}/${t.tiers[x]!.total}` : '-')).join(' / ');
    lines.push(`${cat.padEnd(30)}  ${String(t.pass).padStart(4)}  ${String(t.fail).padStart(4)}  ${String(t.total).padStart(5)}  ${pct(t).padStart(6)}  ${tiers}`);
  }
  return lines.join('\n');
}

function writeFailures(r: ConformanceReport): string {
  const byCat = new Map<string, CaseOutcome[]>();
  for (const o of r.outcomes) if (!o.pass) byCat.set(o.category, [...(byCat.get(o.category) ?? []), o]);
  const out: string[] = [];
  for (const [cat, list] of [...byCat].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`## ${cat} (${list.length})`);
    for (const o of list) out.push(`${o.id} [tier ${o.tier}] ${o.reason}`);
    out.push('');
  }
  const dir = join(REPO_ROOT, '.cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'conformance-failures.txt');
  writeFileSync(file, out.join('\n'));
  return file;
}

function main(): void {
  if (!existsSync(join(CONFORMANCE_DIR, 'cases.jsonl'))) {
    console.error(`conformance cases not found at ${CONFORMANCE_DIR}`);
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const fi = args.indexOf('--filter');
  const filter = fi >= 0 ? args[fi + 1] : undefined;
  const started = Date.now();
  const report = runConformance({ filter });
  console.log(formatReport(report));
  if (args.includes('--verbose')) {
    for (const o of report.outcomes) if (!o.pass) console.log(`FAIL ${o.id}: ${o.reason}`);
  }
  const file = writeFailures(report);
  console.log(`\n${report.outcomes.length} cases in ${Date.now() - started} ms; failures written to ${file}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
