/**
 * A compiled set of modules: the rule tree, compiled once, and query evaluation against it
 * with a budget. Parsing and compiling happen here; evaluation allocates only frames.
 */
import type { Literal, Module, Rule, Term } from './ast';
import { ALL_BUILTINS } from './builtins';
import type { Builtin } from './builtins/registry';
import { Compiler, constantValue, Scope, type Env } from './compile';
import { getPath } from './refs';
import { RegoError, type Location } from './errors';
import { parseModule, parseQuery, refNames } from './parser';
import { RuleIndex, type Guard } from './rule-index';
import { Ctx, DEFAULT_LIMITS, Shared, type Limits, type Proc, type RecordedError } from './runtime';
import { nodeValue, RuleSet, TreeNode, type Clause, type CompiledDef, type RuleKind } from './tree';
import { RObject, type Value } from './value';

export interface SourceFile {
  file: string;
  source: string;
}

export interface EvalOptions {
  input?: Value;
  /** Report the first builtin error as the query error (OPA's strict-builtin-errors). */
  strict?: boolean;
  limits?: Partial<Limits>;
  print?: (text: string) => void;
}

export interface QueryResult {
  /** One row per solution: query variable → value. */
  rows: Record<string, Value>[];
  /** Set when evaluation failed; rows found before a strict builtin error are kept. */
  error?: RegoError;
}

export interface QueryExpression {
  /** Slot holding the expression's value, or null when its value is simply `true`. */
  slot: number | null;
  text: string;
  row: number;
  col: number;
}

export interface PreparedQuery {
  readonly proc: Proc;
  readonly frameSize: number;
  readonly vars: readonly [string, number][];
}

/** How one `data` path is read: a tree node, a constant from base data, or a query. */
type PathPlan =
  | { kind: 'node'; node: TreeNode; base: Value | undefined }
  | { kind: 'base'; value: Value | undefined }
  | { kind: 'query'; path: readonly string[] };

export type PreparedPaths = readonly PathPlan[];

const INDEX_MIN_DEFS = 4;
const NO_PRINT = (): void => {};

export class Program {
  readonly root = new TreeNode([]);
  private readonly functions = new Map<string, RuleSet>();
  private readonly builtins: ReadonlyMap<string, Builtin>;
  private readonly pkgRuleNames = new Map<string, Set<string>>();
  private readonly guards = new Map<CompiledDef, Guard[]>();
  /** Rule sets whose kind a non-default rule has fixed. */
  private readonly shaped = new Set<RuleSet>();

  private constructor(
    modules: Module[],
    private readonly base: Value,
    builtins: ReadonlyMap<string, Builtin>,
  ) {
    this.builtins = builtins;
    for (const m of modules) {
      let pkgNode = this.root;
      for (const p of m.pkg) pkgNode = pkgNode.child(p);
    }
    const placed = modules.flatMap((m) => m.rules.map((r) => ({ m, r, rs: this.place(m, r) })));
    const compilers = new Map(modules.map((m) => [m, new Compiler(this.env(m))]));
    for (const { m, r, rs } of placed) this.compileRule(compilers.get(m)!, m, r, rs);
    for (const node of walk(this.root)) {
      const rs = node.ruleset;
      if (rs && rs.kind !== 'function' && rs.defs.length >= INDEX_MIN_DEFS) {
        rs.index = RuleIndex.build(rs.defs, (d) => this.guards.get(d) ?? []);
      }
    }
  }

  static compile(sources: SourceFile[], data: Value = new RObject(), extraBuiltins: Builtin[] = []): Program {
    const modules = sources.map((s) => parseModule(s.source, s.file));
    return Program.fromModules(modules, data, extraBuiltins);
  }

  static fromModules(modules: Module[], data: Value = new RObject(), extraBuiltins: Builtin[] = []): Program {
    const builtins = new Map(ALL_BUILTINS);
    for (const b of extraBuiltins) builtins.set(b.name, b);
    return new Program(modules, data, builtins);
  }

  /** Creates (or finds) the rule set a rule belongs to. */
  private place(m: Module, r: Rule): RuleSet {
    const { path, kind } = ruleShape(r, m.file);
    const pkgKey = m.pkg.join('.');
    let names = this.pkgRuleNames.get(pkgKey);
    if (!names) this.pkgRuleNames.set(pkgKey, (names = new Set()));
    names.add(path[0]!);
    let node = this.root;
    for (const p of [...m.pkg, ...path]) node = node.child(p);
    let rs = node.ruleset;
    if (!rs) {
      rs = node.ruleset = new RuleSet(node.path, kind, r.loc, r.args?.length ?? 0);
      if (kind === 'function') this.functions.set('data.' + node.path.join('.'), rs);
    } else if (!r.isDefault && !this.shaped.has(rs)) {
      // Only defaults were seen so far: the first real rule decides the kind.
      rs.kind = kind;
    } else if (!r.isDefault && rs.kind !== kind) {
      throw new RegoError('rego_type_error', `conflicting rules data.${node.path.join('.')} found`, r.loc);
    }
    if (!r.isDefault) this.shaped.add(rs);
    return rs;
  }

  private env(m: Module): Env {
    const imports = new Map<string, readonly string[]>();
    for (const imp of m.imports) {
      const names = refNames(imp.path);
      if (!names) throw new RegoError('rego_parse_error', 'invalid import path', imp.loc);
      if (names[0] !== 'data' && names[0] !== 'input') continue; // rego.v1, future.keywords.*
      imports.set(imp.alias ?? names[names.length - 1]!, names);
    }
    return {
      file: m.file,
      pkg: m.pkg,
      imports,
      ruleNames: this.pkgRuleNames.get(m.pkg.join('.')) ?? new Set(),
      root: this.root,
      builtins: this.builtins,
      functions: this.functions,
    };
  }

  private compileRule(compiler: Compiler, m: Module, r: Rule, rs: RuleSet): void {
    if (r.isDefault) {
      rs.defaultValue = compiler.compileValue(r.value!, new Scope(null, { n: 0 }));
      return;
    }
    const scope = new Scope(null, { n: 0 });
    const { path } = ruleShape(r, m.file);
    const params = (r.args ?? []).map((a) => {
      declarePattern(a, scope);
      return compiler.compilePattern(a, scope);
    });
    const bound = new Set<string>();
    for (const a of r.args ?? []) collectVarNames(a, bound);
    const headValue = r.key ?? r.value;
    const compileClause = (body: Literal[], value: Term | null): Clause => {
      const proc = compiler.compileBody(body, scope, bound);
      const v = value ?? { type: 'scalar' as const, value: true, loc: r.loc };
      return { body: proc, value: compiler.compileValue(v, scope), constant: constantValue(v) !== undefined };
    };
    const clauses = [compileClause(r.body, headValue)];
    for (const e of r.elses) clauses.push(compileClause(e.body, e.value));
    const dynamicKeys = rs.kind === 'object' ? r.ref.slice(path.length) : [];
    const keys = dynamicKeys.map((t) => compiler.compileValue(t, scope));
    const def: CompiledDef = { frameSize: 0, keys, params, clauses, loc: r.loc, setLeaf: r.key !== null };
    def.frameSize = scope.size;
    rs.defs.push(def);
    if (r.elses.length === 0) this.guards.set(def, bodyGuards(r.body));
  }

  prepareQuery(source: string, file = 'query'): PreparedQuery {
    return this.compileQuery(parseQuery(source, file), file);
  }

  /**
   * Like prepareQuery, but also captures each expression's value, as `opa eval` reports it:
   * a term expression yields its value, any other expression yields true.
   */
  prepareQueryExpressions(source: string, file = 'query'): PreparedQuery & { expressions: QueryExpression[] } {
    const body = parseQuery(source, file);
    const lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
    const offsetOf = (l: Literal): number => (lineStarts[l.loc.row - 1] ?? 0) + l.loc.col - 1;
    const rewritten: Literal[] = [];
    const captures: (string | null)[] = [];
    body.forEach((lit, i) => {
      const e = lit.expr;
      if (!lit.negated && e.kind === 'term' && e.term.type !== 'call') {
        const name = `__expr${i}__`;
        const v: Term = { type: 'var', name, loc: lit.loc };
        rewritten.push({ ...lit, expr: { kind: 'unify', left: v, right: e.term } });
        rewritten.push({ expr: { kind: 'term', term: v }, negated: false, withs: [], loc: lit.loc });
        captures.push(name);
      } else {
        rewritten.push(lit);
        captures.push(null);
      }
    });
    const q = this.compileQuery(rewritten, file);
    const expressions = body.map((lit, i): QueryExpression => {
      const end = i + 1 < body.length ? offsetOf(body[i + 1]!) : source.length;
      const text = source.slice(offsetOf(lit), end).trim().replace(/;$/, '').trim();
      const name = captures[i];
      const slot = name ? q.allVars.find(([n]) => n === name)?.[1] ?? null : null;
      return { slot, text, row: lit.loc.row, col: lit.loc.col };
    });
    return { ...q, expressions };
  }

  private compileQuery(body: Literal[], file: string): PreparedQuery & { allVars: [string, number][] } {
    const compiler = new Compiler({
      file, pkg: [], imports: new Map(), ruleNames: new Set(), root: this.root,
      builtins: this.builtins, functions: this.functions,
    });
    const scope = new Scope(null, { n: 0 });
    const proc = compiler.compileBody(body, scope);
    const allVars = scope.ownVars();
    const vars = allVars.filter(([n]) => !n.startsWith('_') && !n.startsWith('$'));
    return { proc, frameSize: scope.size, vars, allVars };
  }

  /** Evaluates and returns whole frames, for callers that read hidden variables. */
  evaluateFrames(q: PreparedQuery, opts: EvalOptions = {}): { frames: (Value | undefined)[][]; error?: RegoError } {
    const frames: (Value | undefined)[][] = [];
    const r = this.run(q, opts, (frame) => frames.push(frame.slice()));
    return r.error ? { frames: [], error: r.error } : { frames };
  }

  /** Evaluates a prepared query; never throws for evaluation problems. */
  evaluate(q: PreparedQuery, opts: EvalOptions = {}): QueryResult {
    const rows: Record<string, Value>[] = [];
    const r = this.run(q, opts, (frame) => {
      const row: Record<string, Value> = {};
      for (const [name, slot] of q.vars) {
        const v = frame[slot];
        if (v !== undefined) row[name] = v;
      }
      rows.push(row);
    });
    return r.error ? { rows: r.keepRows ? rows : [], error: r.error } : { rows };
  }

  private run(q: PreparedQuery, opts: EvalOptions, onSolution: (frame: (Value | undefined)[]) => void): { error?: RegoError; keepRows?: boolean } {
    const ctx = new Ctx(this.shared(opts), opts.input, this.base, null, null);
    const shared = ctx.shared;
    const frame = new Array<Value | undefined>(q.frameSize);
    try {
      q.proc(ctx, frame, () => {
        onSolution(frame);
        return false;
      });
    } catch (e) {
      return { error: asRegoError(e) };
    }
    const first = shared.errors[0];
    if (shared.strict && first) return { error: recordedToError(first), keepRows: true };
    return {};
  }

  /**
   * Resolves `data` paths against the tree and base data once, for evalPrepared: both are fixed
   * when the program is compiled, so only the rule evaluation depends on the input.
   */
  preparePaths(paths: readonly (readonly string[])[]): PreparedPaths {
    return paths.map((path): PathPlan => {
      const { node, depth } = this.deepestNode(path);
      if (depth === path.length) return { kind: 'node', node, base: getPath(this.base, path) };
      // Below a package or folder with no rule there: only base data can hold the value.
      if (!node.ruleset) return { kind: 'base', value: getPath(this.base, path) };
      // The path reaches into a rule's value or base data: evaluate it as a query.
      return { kind: 'query', path };
    });
  }

  /**
   * Values of several `data` paths for one input, in one evaluation context (shared caches and
   * budget). Fails as a whole: the first error is returned.
   */
  evalPaths(paths: readonly (readonly string[])[], opts: EvalOptions = {}): { values: (Value | undefined)[]; error?: RegoError } {
    return this.evalPrepared(this.preparePaths(paths), opts);
  }

  /** evalPaths for paths resolved once by preparePaths. */
  evalPrepared(paths: PreparedPaths, opts: EvalOptions = {}): { values: (Value | undefined)[]; error?: RegoError } {
    const ctx = new Ctx(this.shared(opts), opts.input, this.base, null, null);
    try {
      const values = paths.map((plan) => {
        if (plan.kind === 'node') return nodeValue(ctx, plan.node, plan.base);
        if (plan.kind === 'base') return plan.value;
        const q = this.pathQuery(plan.path);
        const frame = new Array<Value | undefined>(q.frameSize);
        const slot = q.vars[0]![1];
        let out: Value | undefined;
        q.proc(ctx, frame, () => {
          out = frame[slot];
          return true;
        });
        return out;
      });
      const first = ctx.shared.errors[0];
      if (ctx.shared.strict && first) return { values: [], error: recordedToError(first) };
      return { values };
    } catch (e) {
      return { values: [], error: asRegoError(e) };
    }
  }

  /** Value of `data.<path>` for an input (undefined when the document is undefined). */
  evalPath(path: readonly string[], opts: EvalOptions = {}): { value: Value | undefined; error?: RegoError } {
    const r = this.evalPaths([path], opts);
    return r.error ? { value: undefined, error: r.error } : { value: r.values[0] };
  }

  private deepestNode(path: readonly string[]): { node: TreeNode; depth: number } {
    let node = this.root;
    let depth = 0;
    for (const p of path) {
      if (node.ruleset) break;
      const next = node.children.get(p);
      if (!next) break;
      node = next;
      depth++;
    }
    return { node, depth };
  }

  private shared(opts: EvalOptions): Shared {
    const limits = opts.limits ? { ...DEFAULT_LIMITS, ...opts.limits } : DEFAULT_LIMITS;
    return new Shared(
      limits.maxSteps, Date.now() + limits.timeoutMs, opts.strict ?? false, opts.print ?? NO_PRINT, this.builtins, this.functions,
    );
  }

  private readonly pathQueries = new Map<string, PreparedQuery>();

  private pathQuery(path: readonly string[]): PreparedQuery {
    const key = path.join('\u0000');
    let q = this.pathQueries.get(key);
    if (!q) {
      const ref = ['data', ...path.map((p) => JSON.stringify(p))].reduce((a, p, i) => (i === 0 ? a + p : `${a}[${p}]`), '');
      q = this.prepareQuery(`x = ${ref}`);
      this.pathQueries.set(key, q);
    }
    return q;
  }

  /** Every rule set, for tooling (`policy test` finds `test_` rules here). */
  ruleSets(): RuleSet[] {
    return [...walk(this.root)].flatMap((n) => (n.ruleset ? [n.ruleset] : []));
  }
}

function* walk(n: TreeNode): Generator<TreeNode> {
  yield n;
  for (const c of n.children.values()) yield* walk(c);
}

/** Rule set path (relative to the package) and kind from a rule's head. */
export function ruleShape(r: Rule, file: string): { path: string[]; kind: RuleKind } {
  const path: string[] = [];
  let i = 0;
  for (; i < r.ref.length; i++) {
    const t = r.ref[i]!;
    if (i === 0 && t.type === 'var') { path.push(t.name); continue; }
    if (t.type === 'scalar' && typeof t.value === 'string') { path.push(t.value); continue; }
    break;
  }
  const loc: Location = r.loc ?? { file, row: 1, col: 1 };
  if (r.args !== null) {
    if (i < r.ref.length) throw new RegoError('rego_parse_error', 'function name must be a plain reference', loc);
    return { path, kind: 'function' };
  }
  if (r.key !== null) return { path, kind: i < r.ref.length ? 'object' : 'set' };
  return { path, kind: i < r.ref.length ? 'object' : 'complete' };
}

function declarePattern(t: Term, scope: Scope): void {
  if (t.type === 'var' && t.name !== '_') {
    if (scope.lookup(t.name) === undefined) scope.declare(t.name);
  } else if (t.type === 'array') t.items.forEach((x) => declarePattern(x, scope));
  else if (t.type === 'object') t.entries.forEach(([, v]) => declarePattern(v, scope));
}

function collectVarNames(t: Term, out: Set<string>): void {
  if (t.type === 'var') out.add(t.name);
  else if (t.type === 'array' || t.type === 'set') t.items.forEach((x) => collectVarNames(x, out));
  else if (t.type === 'object') t.entries.forEach(([k, v]) => { collectVarNames(k, out); collectVarNames(v, out); });
}

/** `input.a.b == "c"` literals at the top of a body, for the rule index. */
function bodyGuards(body: Literal[]): Guard[] {
  const out: Guard[] = [];
  for (const lit of body) {
    if (lit.negated || lit.withs.length > 0) continue;
    const e = lit.expr;
    let pair: [Term, Term] | null = null;
    if (e.kind === 'unify') pair = [e.left, e.right];
    else if (e.kind === 'term' && e.term.type === 'call' && e.term.args.length === 2) {
      const fn = refNames(e.term.fn);
      if (fn && fn.length === 1 && fn[0] === 'equal') pair = [e.term.args[0]!, e.term.args[1]!];
    }
    if (!pair) continue;
    for (const [a, b] of [pair, [pair[1], pair[0]] as [Term, Term]]) {
      const names = refNames(a);
      if (names && names[0] === 'input' && names.length > 1 && b.type === 'scalar') {
        out.push({ path: names.slice(1), value: b.value });
      }
    }
  }
  return out;
}

export function asRegoError(e: unknown): RegoError {
  if (e instanceof RegoError) return e;
  if (e instanceof RangeError) return new RegoError('eval_budget_exceeded', 'evaluation exceeded the maximum nesting depth');
  return new RegoError('eval_internal_error', e instanceof Error ? e.message : String(e));
}

function recordedToError(r: RecordedError): RegoError {
  return new RegoError(r.code, r.message, r.location);
}
