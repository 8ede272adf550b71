/**
 * CLI commands for policies: `eval` (like `opa eval`), `policy test` (like `opa test`) and
 * `policy lint` (parse and compile only).
 */
import { readFileSync } from 'node:fs';
import type { Command, CliIo, ParsedArgs } from '../cli/command';
import { UsageError } from '../cli/command';
import { RegoError } from './errors';
import { loadPolicies, type LoadedPolicies } from './files';
import { Program } from './program';
import { fromJSON, toJSON, type Value } from './value';

function stringList(v: ParsedArgs['values'][string]): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

function load(paths: string[], io: CliIo): LoadedPolicies | null {
  try {
    return loadPolicies(paths);
  } catch (e) {
    io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
}

function compile(loaded: LoadedPolicies, io: CliIo): Program | null {
  try {
    return Program.compile(loaded.modules, fromJSON(loaded.data));
  } catch (e) {
    io.stderr(`1 error occurred: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
}

const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a Rego query (like opa eval)',
  usage: [
    'Usage: portcullis eval [-d FILE|DIR]... [-i input.json] [--format json|values] QUERY',
    '',
    '  -d, --data FILE|DIR   Rego modules (.rego) and data documents (.json); repeatable',
    '  -i, --input FILE      JSON input document',
    '      --format FORMAT   json (OPA result shape, default) or values (one value per line)',
    '      --strict-builtin-errors  report builtin errors instead of treating calls as undefined',
  ].join('\n'),
  options: {
    data: { type: 'string', short: 'd', multiple: true },
    input: { type: 'string', short: 'i' },
    format: { type: 'string', default: 'json' },
    'strict-builtin-errors': { type: 'boolean' },
  },
  allowPositionals: true,
  async run(args, io) {
    const query = args.positionals.join(' ').trim();
    if (!query) throw new UsageError('eval needs a query, e.g. portcullis eval -d policy.rego data.example.allow');
    const format = String(args.values.format ?? 'json');
    if (format !== 'json' && format !== 'values') throw new UsageError(`unknown --format ${format}`);
    const loaded = load(stringList(args.values.data), io);
    if (!loaded) return 1;
    const program = compile(loaded, io);
    if (!program) return 1;
    let input: Value | undefined;
    if (typeof args.values.input === 'string') {
      try {
        input = fromJSON(JSON.parse(readFileSync(args.values.input, 'utf8')));
      } catch (e) {
        io.stderr(`error: input: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
      }
    }
    let q;
    try {
      q = program.prepareQueryExpressions(query);
    } catch (e) {
      io.stderr(`1 error occurred: ${e instanceof RegoError ? e.message : String(e)}\n`);
      return 1;
    }
    const r = program.evaluateFrames(q, { input, strict: args.values['strict-builtin-errors'] === true });
    if (r.error) {
      io.stderr(`1 error occurred: ${r.error.message}\n`);
      return 1;
    }
    const result = r.frames.map((frame) => {
      const bindings: Record<string, unknown> = {};
      for (const [name, slot] of q.vars) {
        const v = frame[slot];
        if (v !== undefined) bindings[name] = toJSON(v);
      }
      const expressions = q.expressions.map((e) => ({
        value: e.slot === null ? true : toJSON(frame[e.slot] ?? null),
        text: e.text,
        location: { row: e.row, col: e.col },
      }));
      return Object.keys(bindings).length > 0 ? { expressions, bindings } : { expressions };
    });
    if (format === 'values') {
      for (const row of result) io.stdout(row.expressions.map((e) => JSON.stringify(e.value)).join(' ') + '\n');
      return 0;
    }
    io.stdout(JSON.stringify(result.length > 0 ? { result } : {}, null, 2) + '\n');
    return 0;
  },
};

interface TestOutcome {
  name: string;
  status: 'PASS' | 'FAIL' | 'ERROR';
  detail?: string;
  ms: number;
}

/** Runs every `test_` rule; used by the command and by tests. */
export function runPolicyTests(program: Program): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  for (const rs of program.ruleSets()) {
    const last = rs.path[rs.path.length - 1] ?? '';
    if (!last.startsWith('test_') || rs.kind === 'function') continue;
    const started = performance.now();
    const r = program.evalPath(rs.path, { strict: true });
    const ms = performance.now() - started;
    const name = rs.name;
    if (r.error) outcomes.push({ name, status: 'ERROR', detail: r.error.message, ms });
    else if (r.value === true) outcomes.push({ name, status: 'PASS', ms });
    else outcomes.push({ name, status: 'FAIL', detail: r.value === undefined ? 'undefined' : JSON.stringify(toJSON(r.value)), ms });
  }
  return outcomes;
}

const testCommand: Command = {
  name: 'policy test',
  summary: 'run test_ rules in Rego files (like opa test)',
  usage: [
    'Usage: portcullis policy test [-v] FILE|DIR...',
    '',
    'Runs every rule whose name starts with test_; a test passes when it evaluates to true.',
    '  -v, --verbose   list passing tests too',
  ].join('\n'),
  options: { verbose: { type: 'boolean', short: 'v' } },
  allowPositionals: true,
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('policy test needs at least one file or directory');
    const loaded = load(args.positionals, io);
    if (!loaded) return 1;
    const program = compile(loaded, io);
    if (!program) return 1;
    const outcomes = runPolicyTests(program);
    const failed = outcomes.filter((o) => o.status !== 'PASS');
    for (const o of outcomes) {
      if (o.status === 'PASS' && args.values.verbose !== true) continue;
      const detail = o.detail ? ` (${o.detail})` : '';
      io.stdout(`${o.name}: ${o.status} (${o.ms.toFixed(3)}ms)${o.status === 'PASS' ? '' : detail}\n`);
    }
    io.stdout('-'.repeat(80) + '\n');
    const passed = outcomes.length - failed.length;
    if (passed > 0) io.stdout(`PASS: ${passed}/${outcomes.length}\n`);
    const fails = failed.filter((o) => o.status === 'FAIL').length;
    const errors = failed.length - fails;
    if (fails > 0) io.stdout(`FAIL: ${fails}/${outcomes.length}\n`);
    if (errors > 0) io.stdout(`ERROR: ${errors}/${outcomes.length}\n`);
    if (outcomes.length === 0) io.stdout('no tests found\n');
    return failed.length > 0 || outcomes.length === 0 ? 1 : 0;
  },
};

const lintCommand: Command = {
  name: 'policy lint',
  summary: 'parse and compile Rego files without running them',
  usage: 'Usage: portcullis policy lint FILE|DIR...',
  options: {},
  allowPositionals: true,
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('policy lint needs at least one file or directory');
    const loaded = load(args.positionals, io);
    if (!loaded) return 1;
    const program = compile(loaded, io);
    if (!program) return 1;
    io.stdout(`ok: ${loaded.modules.length} module(s) compiled\n`);
    return 0;
  },
};

export const policyCommands: Command[] = [evalCommand, testCommand, lintCommand];
