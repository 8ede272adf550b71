/**
 * The `data` tree: packages and rule sets merged with base documents, and how a rule set's
 * value is produced (complete, partial set, partial object, function) with OPA's conflicts.
 */
import { RegoError, type Location } from './errors';
import { Ctx, NO_VALUE, type Frame, type PatFn, type Proc, type TermEval } from './runtime';
import { RuleIndex } from './rule-index';
import { equal, isObject, isSet, keyOf, RObject, RSet, type Value } from './value';

export type RuleKind = 'complete' | 'set' | 'object' | 'function';

export interface Clause {
  body: Proc;
  /** Value of the head (complete/object/function), or the element (set). */
  value: TermEval;
  /** The value does not depend on the body's bindings: one solution is enough. */
  constant: boolean;
}

export interface CompiledDef {
  frameSize: number;
  /** Object rules: the dynamic keys after the rule set path (`a.b[x][y]` → x, y). */
  keys: TermEval[];
  /** Function parameters. */
  params: PatFn[];
  clauses: Clause[];
  loc: Location;
  /** `p[x] contains y`: the leaf under the keys is a set that collects values. */
  setLeaf: boolean;
}

export class RuleSet {
  readonly defs: CompiledDef[] = [];
  defaultValue: TermEval | null = null;
  index: RuleIndex<CompiledDef> | null = null;

  constructor(
    readonly path: readonly string[],
    /** Set by the first non-default rule (a default alone looks like a complete rule). */
    public kind: RuleKind,
    readonly loc: Location,
    /** Functions: number of parameters (known before any body is compiled). */
    readonly arity: number,
  ) {}

  get name(): string { return 'data.' + this.path.join('.'); }
}

export class TreeNode {
  readonly children = new Map<string, TreeNode>();
  ruleset: RuleSet | null = null;

  constructor(readonly path: readonly string[]) {}

  child(name: string): TreeNode {
    let c = this.children.get(name);
    if (!c) {
      c = new TreeNode([...this.path, name]);
      this.children.set(name, c);
    }
    return c;
  }
}

function conflict(message: string, loc: Location): RegoError {
  return new RegoError('eval_conflict_error', message, loc);
}

/** Runs one clause; reports each value of its head. Returns whether the body had a solution. */
function runClause(ctx: Ctx, clause: Clause, f: Frame, onValue: (v: Value) => void): boolean {
  let found = false;
  clause.body(ctx, f, () => {
    clause.value(ctx, f, (v) => {
      found = true;
      onValue(v);
      return clause.constant;
    });
    return found && clause.constant;
  });
  return found;
}

/** Runs a def's clause chain (`else`): the first clause with a solution gives the values. */
function runClauses(ctx: Ctx, def: CompiledDef, f: Frame, onValue: (v: Value) => void): void {
  for (const clause of def.clauses) if (runClause(ctx, clause, f, onValue)) return;
}

/** Binds function parameters to the arguments, then runs `k`. */
function bindParams(ctx: Ctx, def: CompiledDef, f: Frame, args: Value[], i: number, k: () => boolean): boolean {
  if (i === def.params.length) return k();
  return def.params[i]!(ctx, f, args[i]!, () => bindParams(ctx, def, f, args, i + 1, k));
}

function candidateDefs(ctx: Ctx, rs: RuleSet): readonly CompiledDef[] {
  return rs.index ? rs.index.candidates(ctx.input) : rs.defs;
}

/** Full value of a rule set, memoized per context. */
export function ruleSetValue(ctx: Ctx, rs: RuleSet): Value | undefined {
  const cached = ctx.cache.get(rs);
  if (cached !== undefined) {
    if (cached === null) throw new RegoError('rego_recursion_error', `rule ${rs.name} is recursive`, rs.loc);
    return cached === NO_VALUE ? undefined : cached;
  }
  ctx.cache.set(rs, null);
  try {
    const v = computeRuleSet(ctx, rs);
    ctx.cache.set(rs, v === undefined ? NO_VALUE : v);
    return v;
  } catch (e) {
    ctx.cache.delete(rs);
    throw e;
  }
}

function computeRuleSet(ctx: Ctx, rs: RuleSet): Value | undefined {
  ctx.step();
  switch (rs.kind) {
    case 'complete': {
      let result: Value | undefined;
      for (const def of candidateDefs(ctx, rs)) {
        runClauses(ctx, def, new Array(def.frameSize), (v) => {
          if (result === undefined) result = v;
          else if (!equal(result, v)) throw conflict('complete rules must not produce multiple outputs', def.loc);
        });
      }
      if (result === undefined && rs.defaultValue) {
        rs.defaultValue(ctx, [], (v) => { result = v; return true; });
      }
      return result;
    }
    case 'set': {
      const out = new RSet();
      for (const def of candidateDefs(ctx, rs)) runClauses(ctx, def, new Array(def.frameSize), (v) => out.add(v));
      return out;
    }
    case 'object': {
      const out = new RObject();
      const owned = new Set<RObject | RSet>();
      for (const def of candidateDefs(ctx, rs)) {
        const f: Frame = new Array(def.frameSize);
        for (const clause of def.clauses) {
          let found = false;
          clause.body(ctx, f, () => {
            evalKeys(ctx, f, def.keys, 0, [], (keys) => {
              clause.value(ctx, f, (v) => {
                found = true;
                insertPath(out, keys, v, def.loc, def.setLeaf, owned);
                return false;
              });
              return false;
            });
            return false;
          });
          if (found) break;
        }
      }
      return out;
    }
    case 'function':
      return undefined;
  }
}

function evalKeys(ctx: Ctx, f: Frame, keys: TermEval[], i: number, acc: Value[], k: (keys: Value[]) => boolean): boolean {
  if (i === keys.length) return k(acc);
  return keys[i]!(ctx, f, (v) => evalKeys(ctx, f, keys, i + 1, [...acc, v], k));
}

/**
 * Puts `v` at `keys` below `root`. Objects and sets it made itself (`owned`) are extended in
 * place; any other value there came from a rule body (a literal, input, data) and may be shared,
 * so it is copied before it is extended.
 */
function insertPath(root: RObject, keys: Value[], v: Value, loc: Location, setLeaf: boolean, owned: Set<RObject | RSet>): void {
  let o = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const next = o.get(key);
    if (next === undefined) {
      const fresh = new RObject();
      owned.add(fresh);
      o.set(key, fresh);
      o = fresh;
    } else if (isObject(next)) {
      o = owned.has(next) ? next : adopt(o, key, next.clone(), owned);
    } else {
      throw conflict('object keys must be unique', loc);
    }
  }
  const last = keys[keys.length - 1]!;
  const prev = o.get(last);
  if (setLeaf) {
    if (prev === undefined) adopt(o, last, RSet.from([v]), owned);
    else if (isSet(prev)) (owned.has(prev) ? prev : adopt(o, last, RSet.from(prev), owned)).add(v);
    else throw conflict('object keys must be unique', loc);
    return;
  }
  if (prev !== undefined && !equal(prev, v)) throw conflict('object keys must be unique', loc);
  o.set(last, v);
}

/** Stores a collection insertPath made at `o[key]`, as one it may extend. */
function adopt<T extends RObject | RSet>(o: RObject, key: Value, made: T, owned: Set<RObject | RSet>): T {
  owned.add(made);
  o.set(key, made);
  return made;
}

/** Calls a user function: every definition whose parameters match contributes its value. */
export function callFunction(ctx: Ctx, rs: RuleSet, args: Value[]): Value | undefined {
  ctx.step();
  const active = ctx.shared.activeFunctions;
  if (active.has(rs)) throw new RegoError('rego_recursion_error', `function ${rs.name} is recursive`, rs.loc);
  active.add(rs);
  try {
    return callDefinitions(ctx, rs, args);
  } finally {
    active.delete(rs);
  }
}

function callDefinitions(ctx: Ctx, rs: RuleSet, args: Value[]): Value | undefined {
  let result: Value | undefined;
  const onValue = (v: Value): void => {
    if (result === undefined) result = v;
    else if (!equal(result, v)) throw conflict('functions must not produce multiple outputs for same inputs', rs.loc);
  };
  for (const def of rs.defs) {
    if (def.params.length !== args.length) continue;
    const f: Frame = new Array(def.frameSize);
    bindParams(ctx, def, f, args, 0, () => {
      runClauses(ctx, def, f, onValue);
      return true;
    });
  }
  if (result === undefined && rs.defaultValue) rs.defaultValue(ctx, [], (v) => { result = v; return true; });
  return result;
}

/** The value of a tree node: its base document merged with the values of the rules below it. */
export function nodeValue(ctx: Ctx, node: TreeNode, base: Value | undefined): Value | undefined {
  if (ctx.shadowed?.has(node)) return base;
  let own: Value | undefined;
  if (node.ruleset) {
    if (node.ruleset.kind === 'function') return undefined;
    own = ruleSetValue(ctx, node.ruleset);
    if (node.children.size === 0) return own;
  }
  let out: RObject | undefined;
  if (own !== undefined) {
    if (!isObject(own)) return own;
    out = own.clone();
  } else if (isObject(base)) {
    out = base.clone();
  } else if (base !== undefined && node.children.size === 0) {
    return base;
  }
  for (const [name, child] of node.children) {
    const v = nodeValue(ctx, child, isObject(base) ? base.get(name) : undefined);
    if (v === undefined) continue;
    out ??= new RObject();
    const prev = out.get(name);
    if (prev === undefined) out.set(name, v);
    // Against base data, base values win; between rules, differing values conflict.
    else if (own === undefined) out.set(name, mergeValues(v, prev, undefined));
    else out.set(name, mergeValues(prev, v, node.ruleset?.loc ?? child.ruleset?.loc));
  }
  if (out === undefined && node.ruleset === null) return new RObject();
  return out;
}

/**
 * Two documents at the same path (rule values, or a rule and base data): objects merge, sets
 * union; otherwise equal values are fine, and different ones conflict when rules made both.
 */
function mergeValues(a: Value, b: Value, loc: Location | undefined): Value {
  if (isObject(a) && isObject(b)) {
    const out = a.clone();
    for (const [k, v] of b.entries()) {
      const prev = out.get(k);
      out.set(k, prev === undefined ? v : mergeValues(prev, v, loc));
    }
    return out;
  }
  if (isSet(a) && isSet(b)) return RSet.from([...a, ...b]);
  if (equal(a, b) || !loc) return b;
  throw conflict('object keys must be unique', loc);
}

/** Names under a node (rule children and base keys), for `data.x[k]` with `k` unbound. */
export function childKeys(node: TreeNode, base: Value | undefined): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const name of node.children.keys()) { seen.add(keyOf(name)); out.push(name); }
  if (isObject(base)) for (const k of base.keys()) if (!seen.has(keyOf(k))) out.push(k);
  return out;
}
