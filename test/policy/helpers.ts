import { Program } from '../../src-main/policy/program';
import type { Limits } from '../../src-main/policy/runtime';
import { fromJSON, toJSON } from '../../src-main/policy/value';

/** Compiles one module and evaluates a query; returns JSON rows or the error. */
export function run(source: string, query: string, opts: { input?: unknown; data?: unknown; strict?: boolean; limits?: Partial<Limits> } = {}) {
  const program = Program.compile([{ file: 'policy.rego', source }], fromJSON(opts.data ?? {}));
  const r = program.evaluate(program.prepareQuery(query), {
    input: opts.input === undefined ? undefined : fromJSON(opts.input),
    strict: opts.strict,
    limits: opts.limits,
  });
  return {
    rows: r.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toJSON(v)]))),
    error: r.error,
  };
}

/** Value of `x` in the single row, or undefined when there is none. */
export function value(source: string, query: string, opts: Parameters<typeof run>[2] = {}): unknown {
  const r = run(source, query, opts);
  if (r.error) throw r.error;
  return r.rows[0]?.['x'];
}
