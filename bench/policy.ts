/**
 * Policy engine benchmark: evaluation latency (p50/p99) for the starter library and generated
 * libraries of 100 and 1,000 rules, compile time per module, and a floor measured in the same
 * run (a bare JS function over the same input) to print ratios against.
 *
 *   npx tsx bench/policy.ts
 */
import { fileURLToPath } from 'node:url';
import type { PolicyModuleMeta } from '../src-shared/policy';
import { PolicyEngine } from '../src-main/policy/engine';
import { loadPolicies } from '../src-main/policy/files';

const ITERATIONS = 20_000;
const WARMUP = 2_000;
const COMPILE_RUNS = 30;

const INPUT = {
  agent: { id: 'agent-7', name: 'ledger-bot', role: 'finance', org_unit: 'emea', environment: 'production', tags: ['payments'] },
  action: {
    type: 'payment', tool: 'tool_42', verb: 'transfer',
    target: { system: 'bank', resource: 'acct:991', url: 'https://bank.example.com/api', host: 'bank.example.com', environment: 'production', external: true },
    payload: { amount: 12500, currency: 'USD', count: 1 },
  },
  session: { id: 's-1' },
  time: { ns: 1_700_000_000_000_000_000, iso: '2023-11-14T22:13:20Z', hour: 22, weekday: 'Tuesday', timezone: 'UTC', in_window: true },
  classification: { findings: [{ type: 'IBAN', count: 1, max_confidence: 0.98 }], types: ['IBAN'] },
  risk: { score: 41, factors: {} },
  history: { recent: [] },
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(fn: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples = new Array<number>(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function meta(id: string, pkg: string): PolicyModuleMeta {
  return { id, package: pkg, scope: 'org', priority: 0, guardrail: false, shadow: false };
}

/** A library of `n` rules spread over modules of 100, indexed on the tool name like real scoping. */
function generated(n: number): { sources: { file: string; source: string }[]; metas: PolicyModuleMeta[] } {
  const perModule = 100;
  const sources: { file: string; source: string }[] = [];
  const metas: PolicyModuleMeta[] = [];
  for (let m = 0; m * perModule < n; m++) {
    const lines = [`package gen.m${m}`, 'import rego.v1', ''];
    for (let i = m * perModule; i < Math.min(n, (m + 1) * perModule); i++) {
      const effect = ['deny', 'review', 'allow'][i % 3];
      lines.push(
        `${effect} contains {"rule": "r${i}", "reason": "rule ${i} matched"} if {`,
        `\tinput.action.tool == "tool_${i}"`,
        `\tinput.action.target.environment == "production"`,
        `\tinput.risk.score > ${i % 50}`,
        '}',
        '',
      );
    }
    sources.push({ file: `gen${m}.rego`, source: lines.join('\n') });
    metas.push(meta(`gen${m}`, `gen.m${m}`));
  }
  return { sources, metas };
}

/** The floor: the same decision for one rule written directly in JS. */
function floor(): unknown {
  const tools = new Map<string, number>([['tool_42', 42]]);
  return () => {
    const out: { rule: string; reason: string }[] = [];
    const i = tools.get(INPUT.action.tool);
    if (i !== undefined && INPUT.action.target.environment === 'production' && INPUT.risk.score > i % 50) {
      out.push({ rule: `r${i}`, reason: `rule ${i} matched` });
    }
    return out;
  };
}

function fmt(n: number): string {
  return n < 10 ? n.toFixed(2) : n.toFixed(1);
}

function main(): void {
  const floorFn = floor() as () => unknown;
  const floorStats = measure(floorFn);
  console.log(`floor (bare JS function over the same input): p50 ${fmt(floorStats.p50)} µs  p99 ${fmt(floorStats.p99)} µs\n`);

  const starterDir = fileURLToPath(new URL('../resources/policies', import.meta.url));
  const starter = loadPolicies([starterDir]);
  const starterModules = starter.modules.filter((m) => !m.file.endsWith('_test.rego'));
  const starterMetas = starterModules.map((m) => {
    const pkg = /^package\s+([\w.]+)/m.exec(m.source)![1]!;
    return meta(pkg, pkg);
  });

  const libraries = [
    { name: 'starter library', sources: starterModules, data: starter.data, metas: starterMetas, rules: starterModules.length },
    { name: '100 generated rules', ...generated(100), data: {}, rules: 100 },
    { name: '1,000 generated rules', ...generated(1000), data: {}, rules: 1000 },
  ];

  console.log('library                   modules  compile/module (cold / warm)   eval p50     eval p99     p50/floor');
  for (const lib of libraries) {
    // Cold: the first compile in the process. Warm: median of the last runs, once V8 has
    // optimized the parser and compiler (a policy editor recompiles many times).
    const compileTimes: number[] = [];
    let engine = PolicyEngine.compile(lib.sources, lib.data);
    for (let i = 0; i < COMPILE_RUNS; i++) {
      const t0 = performance.now();
      engine = PolicyEngine.compile(lib.sources, lib.data);
      compileTimes.push((performance.now() - t0) / lib.sources.length);
    }
    const coldMs = compileTimes[0]!;
    const warmMs = percentile(compileTimes.slice(-10).sort((a, b) => a - b), 50);
    const check = engine.evaluateModules(lib.metas, INPUT);
    const errors = check.filter((e) => e.error);
    if (errors.length > 0) throw new Error(`${lib.name}: ${errors[0]!.error!.message}`);
    const stats = measure(() => engine.evaluateModules(lib.metas, INPUT));
    const compile = `${fmt(coldMs)} / ${fmt(warmMs)} ms`;
    console.log(`${lib.name.padEnd(24)}  ${String(lib.sources.length).padStart(7)}  ${compile.padStart(27)}  ${fmt(stats.p50).padStart(8)} µs  ${fmt(stats.p99).padStart(8)} µs  ${(stats.p50 / floorStats.p50).toFixed(0).padStart(8)}x`);
  }
  console.log('\ntargets: p50 <= 20 µs with 100 rules, <= 100 µs with 1,000 rules');
}

main();
