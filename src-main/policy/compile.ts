/**
 * Compiles AST terms, literals and bodies into closures over a frame of variable slots.
 * Evaluation is continuation-passing: each closure calls its continuation once per solution
 * and unbinds what it bound on return, which gives backtracking without a trail.
 */
import type { Expr, Literal, Term, With } from './ast';
import { literalUse, reorder, type VarUse } from './analyze';
import type { Builtin } from './builtins/registry';
import { RegoError, type Location } from './errors';
import { invokeBuiltin, recordBuiltinError } from './invoke';
import { refNames } from './parser';
import { Ctx, unsafeVar, type Cont, type Frame, type Mock, type PatFn, type Proc, type TermEval } from './runtime';
import {
  allBound, eachEntry, getPath, lookupPath, setPath, staticPrefix, walkNode, walkValue, type KeyStep,
} from './refs';
import { callFunction, nodeValue, type RuleSet, type TreeNode } from './tree';
import {
  equal, isObject, isSet, RObject, RSet, toRegoString, type Value,
} from './value';

/** What a compiled module body can see. */
export interface Env {
  file: string;
  /** Package path without the `data` root; empty for queries. */
  pkg: readonly string[];
  imports: ReadonlyMap<string, readonly string[]>;
  /** First segment of every rule name in this package. */
  ruleNames: ReadonlySet<string>;
  root: TreeNode;
  builtins: ReadonlyMap<string, Builtin>;
  functions: ReadonlyMap<string, RuleSet>;
}

export class Scope {
  private readonly vars = new Map<string, number>();

  constructor(
    readonly parent: Scope | null,
    private readonly counter: { n: number },
  ) {}

  get size(): number { return this.counter.n; }

  lookup(name: string): number | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  declare(name: string): number {
    const slot = this.counter.n++;
    this.vars.set(name, slot);
    return slot;
  }

  fresh(): number { return this.counter.n++; }

  /** Variables declared directly in this scope, by name. */
  ownVars(): [string, number][] { return [...this.vars]; }

  child(): Scope { return new Scope(this, this.counter); }
}

type Head =
  | { kind: 'local'; slot: number; name: string }
  | { kind: 'wild' }
  | { kind: 'input'; path: string[] }
  | { kind: 'data'; path: string[] };

const ROOTS = new Set(['input', 'data']);

export class Compiler {
  /** First segments of dotted builtin names (`object`, `opa`, …), for `with x as opa.runtime`. */
  private readonly builtinHeads: Set<string>;

  constructor(readonly env: Env) {
    this.builtinHeads = new Set([...env.builtins.keys()].map((k) => k.split('.')[0]!));
  }

  private isGlobal(name: string, scope: Scope): boolean {
    if (scope.lookup(name) !== undefined) return false;
    return ROOTS.has(name) || this.env.imports.has(name) || this.env.ruleNames.has(name);
  }

  private resolve(name: string, scope: Scope): Head {
    if (name === '_') return { kind: 'wild' };
    const slot = scope.lookup(name);
    if (slot !== undefined) return { kind: 'local', slot, name };
    if (name === 'input') return { kind: 'input', path: [] };
    if (name === 'data') return { kind: 'data', path: [] };
    const imp = this.env.imports.get(name);
    if (imp) return imp[0] === 'input' ? { kind: 'input', path: imp.slice(1) } : { kind: 'data', path: imp.slice(1) };
    if (this.env.ruleNames.has(name)) return { kind: 'data', path: [...this.env.pkg, name] };
    return { kind: 'local', slot: scope.declare(name), name };
  }

  // ---------------------------------------------------------------- bodies

  /** Compiles a query body in `scope`, declaring its variables there. */
  compileBody(lits: Literal[], scope: Scope, bound: Set<string> = new Set()): Proc {
    const declared = new Set<string>();
    for (const lit of lits) this.declareExplicit(lit, scope, declared);
    const isLocal = (n: string): boolean => !this.isGlobal(n, scope);
    const uses = lits.map((l) => literalUse(l, isLocal, (c) => this.hasOutputArg(c, scope)));
    this.checkSafety(lits, uses, scope, bound);
    const ordered = reorder(lits, uses, bound, declared);
    const procs = ordered.map((l) => this.compileLiteral(l, scope));
    return chain(procs);
  }

  /** A variable read in a body that nothing binds (and no outer scope has) is unsafe, as in OPA. */
  private checkSafety(lits: Literal[], uses: VarUse[], scope: Scope, bound: Set<string>): void {
    const bindable = new Set(bound);
    for (const u of uses) for (const b of u.binds) bindable.add(b);
    uses.forEach((u, i) => {
      const e = lits[i]!.expr;
      // An unknown function is the better error; compiling the literal reports it.
      if (e.kind === 'term' && e.term.type === 'call' && this.callTarget(e.term, scope, false) === null) return;
      for (const name of u.needs) {
        if (bindable.has(name) || scope.parent?.lookup(name) !== undefined) continue;
        if (this.builtinHeads.has(name) || this.functionKey([name]) !== null) continue; // `with f as count`
        throw new RegoError('rego_unsafe_var_error', `var ${name} is unsafe`, lits[i]!.loc);
      }
    });
  }

  private declareExplicit(lit: Literal, scope: Scope, declared: Set<string>): void {
    const e = lit.expr;
    const declareVars = (t: Term): void => {
      if (t.type === 'var' && t.name !== '_') {
        scope.declare(t.name);
        declared.add(t.name);
      } else if (t.type === 'array' || t.type === 'set') t.items.forEach(declareVars);
      else if (t.type === 'object') t.entries.forEach(([, v]) => declareVars(v));
    };
    if (e.kind === 'some') e.vars.forEach(declareVars);
    else if (e.kind === 'assign') declareVars(e.left);
    else if (e.kind === 'somein') {
      if (e.key) declareVars(e.key);
      declareVars(e.value);
    }
  }

  private hasOutputArg(call: Term & { type: 'call' }, scope: Scope): boolean {
    const target = this.callTarget(call, scope, false);
    return target !== null && call.args.length === target.arity + 1;
  }

  private compileLiteral(lit: Literal, scope: Scope): Proc {
    let proc = this.compileExpr(lit.expr, scope);
    if (lit.negated) {
      const inner = proc;
      proc = (ctx, f, k) => (inner(ctx, f, STOP) ? false : k());
    }
    if (lit.withs.length > 0) proc = this.compileWith(lit.withs, proc, scope);
    const body = proc;
    return (ctx, f, k) => {
      ctx.step();
      return body(ctx, f, k);
    };
  }

  private compileExpr(e: Expr, scope: Scope): Proc {
    switch (e.kind) {
      case 'some':
        return (_ctx, _f, k) => k();
      case 'term': {
        const t = e.term;
        if (t.type === 'call') {
          const target = this.callTarget(t, scope, true)!;
          if (t.args.length === target.arity + 1) {
            const call = this.compileCall(t, target, scope, t.args.slice(0, -1));
            const out = this.compilePattern(t.args[t.args.length - 1]!, scope);
            return (ctx, f, k) => call(ctx, f, (v) => out(ctx, f, v, k));
          }
        }
        const ev = this.compileValue(t, scope);
        return (ctx, f, k) => ev(ctx, f, (v) => (v === false ? false : k()));
      }
      case 'unify':
        return this.compileUnify(e.left, e.right, scope);
      case 'assign': {
        const right = this.compileValue(e.right, scope);
        const left = this.compilePattern(e.left, scope);
        return (ctx, f, k) => right(ctx, f, (v) => left(ctx, f, v, k));
      }
      case 'somein': {
        const coll = this.compileValue(e.collection, scope);
        const keyPat = e.key ? this.compilePattern(e.key, scope) : null;
        const valPat = this.compilePattern(e.value, scope);
        return (ctx, f, k) => coll(ctx, f, (c) => eachEntry(c, (key, val) => {
          ctx.step();
          if (keyPat) return keyPat(ctx, f, key, () => valPat(ctx, f, val, k));
          return valPat(ctx, f, val, k);
        }));
      }
      case 'every': {
        const coll = this.compileValue(e.collection, scope);
        const inner = scope.child();
        const keyPat = e.key ? this.patternIn(e.key, inner) : null;
        const valPat = this.patternIn(e.value, inner);
        const iterVars = new Set<string>();
        for (const t of e.key ? [e.key, e.value] : [e.value]) collectPatternNames(t, iterVars);
        const body = this.compileBody(e.body, inner, iterVars);
        return (ctx, f, k) => coll(ctx, f, (c) => {
          if (!isCollection(c)) return false;
          const allHold = !eachEntry(c, (key, val) => {
            ctx.step();
            const ok = (keyPat
              ? keyPat(ctx, f, key, () => valPat(ctx, f, val, () => body(ctx, f, STOP)))
              : valPat(ctx, f, val, () => body(ctx, f, STOP)));
            return !ok;
          });
          return allHold ? k() : false;
        });
      }
    }
  }

  /** Declares the pattern's variables in `scope` (every's own variables) and compiles it. */
  private patternIn(t: Term, scope: Scope): PatFn {
    const declare = (x: Term): void => {
      if (x.type === 'var' && x.name !== '_') scope.declare(x.name);
      else if (x.type === 'array') x.items.forEach(declare);
      else if (x.type === 'object') x.entries.forEach(([, v]) => declare(v));
    };
    declare(t);
    return this.compilePattern(t, scope);
  }

  private compileUnify(a: Term, b: Term, scope: Scope): Proc {
    if (isWildcard(a) || isWildcard(b)) {
      const ev = this.compileValue(isWildcard(a) ? b : a, scope);
      return (ctx, f, k) => ev(ctx, f, () => k());
    }
    if (a.type === 'array' && b.type === 'array' && a.items.length === b.items.length) {
      return chain(a.items.map((x, i) => this.compileUnify(x, b.items[i]!, scope)));
    }
    const pairs = objectPairs(a, b);
    if (pairs) return chain(pairs.map(([x, y]) => this.compileUnify(x, y, scope)));
    const aSlots = this.patternSlots(a, scope);
    const bSlots = this.patternSlots(b, scope);
    const aPat = this.compilePattern(a, scope);
    const bPat = this.compilePattern(b, scope);
    const aEv = this.compileValue(a, scope);
    const bEv = this.compileValue(b, scope);
    return (ctx, f, k) => {
      if (allBound(f, bSlots)) return bEv(ctx, f, (v) => aPat(ctx, f, v, k));
      if (allBound(f, aSlots)) return aEv(ctx, f, (v) => bPat(ctx, f, v, k));
      throw unsafeVar(firstUnboundName(a, b), a.loc);
    };
  }

  /** Slots of variables in pattern positions (not inside refs, calls or closures). */
  private patternSlots(t: Term, scope: Scope): number[] {
    const out: number[] = [];
    const visit = (x: Term): void => {
      if (x.type === 'var') {
        if (x.name === '_' || this.isGlobal(x.name, scope)) return;
        const s = scope.lookup(x.name) ?? scope.declare(x.name);
        out.push(s);
      } else if (x.type === 'array') x.items.forEach(visit);
      else if (x.type === 'object') x.entries.forEach(([, v]) => visit(v));
    };
    visit(t);
    return out;
  }

  // ---------------------------------------------------------------- with

  private compileWith(withs: With[], inner: Proc, scope: Scope): Proc {
    type Mod =
      | { kind: 'input'; path: string[]; ev: TermEval }
      | { kind: 'data'; path: string[]; ev: TermEval }
      | { kind: 'mock'; key: string; mock: Mock | null; ev: TermEval | null };
    const mods: Mod[] = withs.map((w) => {
      const names = refNames(w.target);
      if (!names) throw new RegoError('rego_compile_error', 'with target must be a reference', w.loc);
      const head = names[0]!;
      if (head === 'input') return { kind: 'input', path: names.slice(1), ev: this.compileValue(w.value, scope) };
      if (head === 'data') {
        const path = names.slice(1);
        if (this.env.functions.has('data.' + path.join('.'))) return this.mockMod(w, 'data.' + path.join('.'), scope);
        return { kind: 'data', path, ev: this.compileValue(w.value, scope) };
      }
      const fnKey = this.functionKey(names);
      if (fnKey === null) throw new RegoError('rego_compile_error', `with keyword target ${names.join('.')} must reference input, data or a function`, w.loc);
      return this.mockMod(w, fnKey, scope);
    });
    return (ctx, f, k) => {
      let input = ctx.input;
      let base = ctx.base;
      let shadowed: Set<object> | null = null;
      let mocks: Map<string, Mock> | null = null;
      for (const m of mods) {
        let value: Value | undefined;
        let mock: Mock | null = null;
        if (m.kind === 'mock' && m.mock) {
          mock = m.mock;
        } else {
          m.ev!(ctx, f, (v) => { value = v; return true; });
          if (value === undefined) return false;
        }
        if (m.kind === 'input') input = setPath(input, m.path, value!);
        else if (m.kind === 'data') {
          shadowed ??= new Set(ctx.shadowed ?? []);
          base = this.overrideData(ctx, base, m.path, value!, shadowed);
        } else {
          mocks ??= new Map(ctx.mocks ?? []);
          mocks.set(m.key, mock ?? { kind: 'value', value: value! });
        }
      }
      const derived = ctx.derive(input, base, shadowed ?? ctx.shadowed, mocks ?? ctx.mocks);
      return inner(derived, f, k);
    };
  }

  private mockMod(w: With, key: string, scope: Scope): { kind: 'mock'; key: string; mock: Mock | null; ev: TermEval | null } {
    const names = refNames(w.value);
    if (names && (w.value.type === 'var' || w.value.type === 'ref') && !(w.value.type === 'var' && scope.lookup(w.value.name) !== undefined)) {
      const fnKey = this.functionKey(names);
      if (fnKey !== null) return { kind: 'mock', key, mock: { kind: 'function', key: fnKey }, ev: null };
    }
    return { kind: 'mock', key, mock: null, ev: this.compileValue(w.value, scope) };
  }

  /** Replaces `data.<path>` for the duration of a `with`, hiding rules at or under it. */
  private overrideData(ctx: Ctx, base: Value, path: string[], value: Value, shadowed: Set<object>): Value {
    let node: TreeNode | undefined = this.env.root;
    for (let i = 0; i < path.length; i++) {
      node = node.children.get(path[i]!);
      if (!node) break;
      if (node.ruleset && i < path.length - 1) {
        // The override reaches inside a rule's value: materialize it into base data first.
        const prefix = path.slice(0, i + 1);
        const current = nodeValue(ctx, node, getPath(base, prefix));
        shadowed.add(node);
        return setPath(setPath(base, prefix, current ?? new RObject()), path, value);
      }
    }
    if (node) shadowed.add(node);
    return setPath(base, path, value);
  }

  // ---------------------------------------------------------------- calls

  /** Key under which a callable is registered and mocked: builtin name or `data.pkg.f`. */
  private functionKey(names: string[]): string | null {
    const head = names[0]!;
    if (head === 'data') {
      const key = names.join('.');
      return this.env.functions.has(key) ? key : null;
    }
    const imp = this.env.imports.get(head);
    if (imp) {
      const key = [...imp, ...names.slice(1)].join('.');
      return this.env.functions.has(key) ? key : null;
    }
    if (this.env.ruleNames.has(head)) {
      const key = ['data', ...this.env.pkg, ...names].join('.');
      if (this.env.functions.has(key)) return key;
    }
    const builtin = names.join('.');
    return this.env.builtins.has(builtin) ? builtin : null;
  }

  private callTarget(call: Term & { type: 'call' }, scope: Scope, required: boolean): { key: string; arity: number } | null {
    const names = refNames(call.fn);
    if (names && !(call.fn.type === 'var' && scope.lookup(names[0]!) !== undefined)) {
      const key = this.functionKey(names);
      if (key !== null) {
        const fn = this.env.functions.get(key);
        if (fn) return { key, arity: fn.arity };
        const b = this.env.builtins.get(key)!;
        return { key, arity: b.arity < 0 ? call.args.length : b.arity };
      }
    }
    if (!required) return null;
    const name = names ? names.join('.') : 'call';
    throw new RegoError('rego_type_error', `undefined function ${name}`, call.loc);
  }

  private compileCall(t: Term & { type: 'call' }, target: { key: string }, scope: Scope, args: Term[]): TermEval {
    const evs = args.map((a) => this.compileValue(a, scope));
    const enumeratingFirst = args.map((a, i) => ({ i, binds: bindsByEnumeration(a) })).sort((x, y) => Number(y.binds) - Number(x.binds));
    if (enumeratingFirst.some((x, pos) => x.i !== pos)) {
      // `x == a[x]`: evaluate the argument that binds x by iteration before the one that reads it.
      const order = enumeratingFirst.map((x) => x.i);
      const orderedEvs = order.map((i) => evs[i]!);
      const call = this.invoker(t.loc, target.key);
      return (ctx, f, k) => evalAll(ctx, f, orderedEvs, 0, [], (vals) => {
        const inOrder: Value[] = new Array(vals.length);
        order.forEach((argIndex, pos) => { inOrder[argIndex] = vals[pos]!; });
        const r = call(ctx, inOrder);
        return r === undefined ? false : k(r);
      });
    }
    if (target.key === 'print' || target.key === 'internal.print') return this.compilePrint(evs);
    const relation = this.env.builtins.get(target.key);
    if (relation?.many) {
      const many = relation.many;
      const loc = t.loc;
      return (ctx, f, k) => evalAll(ctx, f, evs, 0, [], (vals) => {
        let results: Iterable<Value>;
        try {
          results = many(vals, ctx.shared);
        } catch (e) {
          recordBuiltinError(ctx, relation, e, loc);
          return false;
        }
        for (const r of results) {
          ctx.step();
          if (k(r)) return true;
        }
        return false;
      });
    }
    const invoke = this.invoker(t.loc, target.key);
    if (evs.length === 1) {
      const a0 = evs[0]!;
      return (ctx, f, k) => a0(ctx, f, (v) => {
        const r = invoke(ctx, [v]);
        return r === undefined ? false : k(r);
      });
    }
    if (evs.length === 2) {
      const a0 = evs[0]!;
      const a1 = evs[1]!;
      return (ctx, f, k) => a0(ctx, f, (x) => a1(ctx, f, (y) => {
        const r = invoke(ctx, [x, y]);
        return r === undefined ? false : k(r);
      }));
    }
    return (ctx, f, k) => evalAll(ctx, f, evs, 0, [], (vals) => {
      const r = invoke(ctx, vals);
      return r === undefined ? false : k(r);
    });
  }

  /** Calls a builtin or user function by key, honouring `with` replacements. */
  private invoker(loc: Location, key: string): (ctx: Ctx, vals: Value[]) => Value | undefined {
    const userFn = this.env.functions.get(key);
    const builtin = this.env.builtins.get(key);
    const invokeDirect = (ctx: Ctx, vals: Value[]): Value | undefined => (userFn
      ? callFunction(ctx, userFn, vals)
      : invokeBuiltin(ctx, builtin!, vals, loc));
    return (ctx, vals) => {
      const mock = ctx.mocks?.get(key);
      if (!mock) return invokeDirect(ctx, vals);
      if (mock.kind === 'value') return mock.value;
      const fn = ctx.shared.functions.get(mock.key);
      if (fn) {
        // The replacement runs against the real builtins and functions, as in OPA:
        // `with count as my_count` where my_count itself calls count.
        return callFunction(ctx.derive(ctx.input, ctx.base, ctx.shadowed, null), fn, vals);
      }
      const b = ctx.shared.builtins.get(mock.key);
      return b ? invokeBuiltin(ctx, b, vals, loc) : undefined;
    };
  }

  private compilePrint(evs: TermEval[]): TermEval {
    return (ctx, f, k) => {
      const parts = evs.map((ev) => {
        const vals: Value[] = [];
        ev(ctx, f, (v) => { vals.push(v); return false; });
        if (vals.length === 0) return '<undefined>';
        return vals.map((v) => toRegoString(v, false)).join(', ');
      });
      ctx.shared.print(parts.join(' '));
      return k(true);
    };
  }

  // ---------------------------------------------------------------- terms

  /** A term's values, once per solution. */
  compileValue(t: Term, scope: Scope): TermEval {
    const constant = t.type === 'scalar' ? undefined : constantValue(t);
    if (constant !== undefined) {
      // Literal collections (`{"delete", "drop"}`) are built once: values are never mutated.
      return (_ctx, _f, k) => k(constant);
    }
    switch (t.type) {
      case 'scalar': {
        const v = t.value;
        return (_ctx, _f, k) => k(v);
      }
      case 'var':
        return this.compileRef(t, [], scope);
      case 'ref':
        return this.compileRefTerm(t, scope);
      case 'array': {
        const evs = t.items.map((i) => this.compileValue(i, scope));
        if (evs.length === 0) return (_c, _f, k) => k([]);
        return (ctx, f, k) => evalAll(ctx, f, evs, 0, [], (vals) => k(vals));
      }
      case 'set': {
        const evs = t.items.map((i) => this.compileValue(i, scope));
        return (ctx, f, k) => evalAll(ctx, f, evs, 0, [], (vals) => k(RSet.from(vals)));
      }
      case 'object': {
        const evs = t.entries.flatMap(([key, v]) => [this.compileValue(key, scope), this.compileValue(v, scope)]);
        return (ctx, f, k) => evalAll(ctx, f, evs, 0, [], (vals) => {
          const o = new RObject();
          for (let i = 0; i < vals.length; i += 2) o.set(vals[i]!, vals[i + 1]!);
          return k(o);
        });
      }
      case 'call':
        return this.compileCall(t, this.callTarget(t, scope, true)!, scope, t.args);
      case 'arraycomp': {
        const inner = scope.child();
        const body = this.compileBody(t.body, inner);
        const head = this.compileValue(t.head, inner);
        return (ctx, f, k) => {
          const out: Value[] = [];
          body(ctx, f, () => head(ctx, f, (v) => { ctx.step(); out.push(v); return false; }));
          return k(out);
        };
      }
      case 'setcomp': {
        const inner = scope.child();
        const body = this.compileBody(t.body, inner);
        const head = this.compileValue(t.head, inner);
        return (ctx, f, k) => {
          const out = new RSet();
          body(ctx, f, () => head(ctx, f, (v) => { ctx.step(); out.add(v); return false; }));
          return k(out);
        };
      }
      case 'objectcomp': {
        const inner = scope.child();
        const body = this.compileBody(t.body, inner);
        const key = this.compileValue(t.key, inner);
        const value = this.compileValue(t.value, inner);
        const loc = t.loc;
        return (ctx, f, k) => {
          const out = new RObject();
          body(ctx, f, () => key(ctx, f, (kv) => value(ctx, f, (vv) => {
            ctx.step();
            const prev = out.get(kv);
            if (prev !== undefined && !equal(prev, vv)) {
              throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
            }
            out.set(kv, vv);
            return false;
          })));
          return k(out);
        };
      }
      case 'template': {
        const parts = t.parts.map((p) => (typeof p === 'string' ? p : this.compileValue(p, scope)));
        const loc = t.loc;
        return (ctx, f, k) => {
          let s = '';
          for (const p of parts) {
            if (typeof p === 'string') { s += p; continue; }
            const vals: Value[] = [];
            p(ctx, f, (v) => { vals.push(v); return false; });
            if (vals.length > 1) throw new RegoError('eval_conflict_error', 'template expression produced multiple outputs', loc);
            const v = vals[0];
            s += v === undefined ? '<undefined>' : typeof v === 'string' ? v : toRegoString(v);
          }
          return k(s);
        };
      }
    }
  }

  private compileRefTerm(t: Term & { type: 'ref' }, scope: Scope): TermEval {
    if (t.head.type === 'var') return this.compileRef(t.head, t.path, scope);
    const head = this.compileValue(t.head, scope);
    const steps = t.path.map((p) => this.compileKey(p, scope));
    return (ctx, f, k) => head(ctx, f, (v) => walkValue(ctx, f, v, steps, 0, k));
  }

  private compileRef(headVar: Term & { type: 'var' }, path: Term[], scope: Scope): TermEval {
    const head = this.resolve(headVar.name, scope);
    const steps = path.map((p) => this.compileKey(p, scope));
    switch (head.kind) {
      case 'wild':
        // A wildcard read as a value can never be bound.
        return () => {
          throw unsafeVar('_', headVar.loc);
        };
      case 'local': {
        const slot = head.slot;
        const name = head.name;
        if (steps.length === 0) {
          return (_ctx, f, k) => {
            const v = f[slot];
            if (v === undefined) throw unsafeVar(name, headVar.loc);
            return k(v);
          };
        }
        return (ctx, f, k) => {
          const v = f[slot];
          if (v === undefined) throw unsafeVar(name, headVar.loc);
          return walkValue(ctx, f, v, steps, 0, k);
        };
      }
      case 'input': {
        const all = [...head.path.map((p): KeyStep => ({ kind: 'const', value: p })), ...steps];
        const keys = constantKeys(all);
        if (keys) {
          // Most input refs are plain field paths (`input.action.verb`): no search needed.
          return (ctx, _f, k) => {
            const v = ctx.input === undefined ? undefined : lookupPath(ctx.input, keys);
            return v === undefined ? false : k(v);
          };
        }
        return (ctx, f, k) => (ctx.input === undefined ? false : walkValue(ctx, f, ctx.input, all, 0, k));
      }
      case 'data': {
        const all = [...head.path.map((p): KeyStep => ({ kind: 'const', value: p })), ...steps];
        const root = this.env.root;
        const fixed = staticPrefix(root, all);
        if (fixed) {
          // Common case `data.pkg.rule…`: resolve the node once, at compile time.
          const { node, depth, basePath } = fixed;
          if (depth === all.length && node.ruleset && node.children.size === 0) {
            // A rule itself (`data.pkg.p`): its base document counts only while `with` hides it.
            return (ctx, _f, k) => {
              const v = nodeValue(ctx, node, ctx.shadowed === null ? undefined : getPath(ctx.base, basePath));
              return v === undefined ? false : k(v);
            };
          }
          return (ctx, f, k) => walkNode(ctx, f, node, getPath(ctx.base, basePath), all, depth, k);
        }
        return (ctx, f, k) => walkNode(ctx, f, root, ctx.base, all, 0, k);
      }
    }
  }

  private compileKey(p: Term, scope: Scope): KeyStep {
    if (p.type === 'scalar') return { kind: 'const', value: p.value };
    if (p.type === 'var') {
      if (p.name === '_') return { kind: 'var', slot: scope.fresh() };
      if (!this.isGlobal(p.name, scope)) {
        const slot = scope.lookup(p.name) ?? scope.declare(p.name);
        return { kind: 'var', slot };
      }
    }
    return { kind: 'term', ev: this.compileValue(p, scope), pat: this.compilePattern(p, scope), slots: this.patternSlots(p, scope) };
  }

  compilePattern(t: Term, scope: Scope): PatFn {
    switch (t.type) {
      case 'var': {
        if (t.name === '_') return (_c, _f, _v, k) => k();
        if (this.isGlobal(t.name, scope)) break;
        const slot = scope.lookup(t.name) ?? scope.declare(t.name);
        return (_ctx, f, v, k) => {
          const cur = f[slot];
          if (cur === undefined) {
            f[slot] = v;
            const r = k();
            f[slot] = undefined;
            return r;
          }
          return equal(cur, v) ? k() : false;
        };
      }
      case 'scalar': {
        const c = t.value;
        return (_ctx, _f, v, k) => (v === c || equal(v, c) ? k() : false);
      }
      case 'array': {
        const items = t.items.map((i) => this.compilePattern(i, scope));
        const n = items.length;
        const match = (ctx: Ctx, f: Frame, v: readonly Value[], i: number, k: Cont): boolean => (i === n
          ? k()
          : items[i]!(ctx, f, v[i]!, () => match(ctx, f, v, i + 1, k)));
        return (ctx, f, v, k) => (Array.isArray(v) && v.length === n ? match(ctx, f, v, 0, k) : false);
      }
      case 'object': {
        const keys = t.entries.map(([key]) => this.compileValue(key, scope));
        const vals = t.entries.map(([, val]) => this.compilePattern(val, scope));
        const n = keys.length;
        const match = (ctx: Ctx, f: Frame, o: RObject, i: number, k: Cont): boolean => {
          if (i === n) return k();
          return keys[i]!(ctx, f, (key) => {
            const field = o.get(key);
            return field === undefined ? false : vals[i]!(ctx, f, field, () => match(ctx, f, o, i + 1, k));
          });
        };
        return (ctx, f, v, k) => (isObject(v) && v.size === n ? match(ctx, f, v, 0, k) : false);
      }
      default:
        break;
    }
    const ev = this.compileValue(t, scope);
    return (ctx, f, v, k) => ev(ctx, f, (x) => (equal(x, v) ? k() : false));
  }
}

// ------------------------------------------------------------------ helpers

/** The value of a term made only of literals, built as evaluating it would; else undefined. */
export function constantValue(t: Term): Value | undefined {
  switch (t.type) {
    case 'scalar': return t.value;
    case 'array': case 'set': {
      const items: Value[] = [];
      for (const item of t.items) {
        const v = constantValue(item);
        if (v === undefined) return undefined;
        items.push(v);
      }
      return t.type === 'array' ? items : RSet.from(items);
    }
    case 'object': {
      const o = new RObject();
      for (const [key, val] of t.entries) {
        const k = constantValue(key);
        const v = constantValue(val);
        if (k === undefined || v === undefined) return undefined;
        o.set(k, v);
      }
      return o;
    }
    default: return undefined;
  }
}

/** The keys of a reference path when all are constants. */
function constantKeys(steps: KeyStep[]): Value[] | null {
  const keys: Value[] = [];
  for (const s of steps) {
    if (s.kind !== 'const') return null;
    keys.push(s.value);
  }
  return keys;
}

const STOP: Cont = () => true;

function chain(procs: Proc[]): Proc {
  if (procs.length === 0) return (_ctx, _f, k) => k();
  if (procs.length === 1) return procs[0]!;
  const [first, ...rest] = procs;
  const next = chain(rest);
  return (ctx, f, k) => first!(ctx, f, () => next(ctx, f, k));
}

function evalAll(ctx: Ctx, f: Frame, evs: TermEval[], i: number, acc: Value[], k: (vals: Value[]) => boolean): boolean {
  if (i === evs.length) return k(acc.slice());
  return evs[i]!(ctx, f, (v) => {
    acc[i] = v;
    return evalAll(ctx, f, evs, i + 1, acc, k);
  });
}

/** Two object literals with the same constant keys unify field by field. */
function objectPairs(a: Term, b: Term): [Term, Term][] | null {
  if (a.type !== 'object' || b.type !== 'object' || a.entries.length !== b.entries.length) return null;
  const constKey = (t: Term): string | null => (t.type === 'scalar' ? JSON.stringify(t.value) : null);
  const right = new Map<string, Term>();
  for (const [k, v] of b.entries) {
    const key = constKey(k);
    if (key === null) return null;
    right.set(key, v);
  }
  const pairs: [Term, Term][] = [];
  for (const [k, v] of a.entries) {
    const key = constKey(k);
    const other = key === null ? undefined : right.get(key);
    if (other === undefined) return null;
    pairs.push([v, other]);
  }
  return pairs;
}

function collectPatternNames(t: Term, out: Set<string>): void {
  if (t.type === 'var') out.add(t.name);
  else if (t.type === 'array') t.items.forEach((x) => collectPatternNames(x, out));
  else if (t.type === 'object') t.entries.forEach(([, v]) => collectPatternNames(v, out));
}

/** Whether evaluating the term binds a variable by iterating (`a[x]`, `a[_]`). */
function bindsByEnumeration(t: Term): boolean {
  switch (t.type) {
    case 'ref': return t.path.some((p) => p.type === 'var' || bindsByEnumeration(p)) || bindsByEnumeration(t.head);
    case 'array': case 'set': return t.items.some(bindsByEnumeration);
    case 'object': return t.entries.some(([k, v]) => bindsByEnumeration(k) || bindsByEnumeration(v));
    case 'call': return t.args.some(bindsByEnumeration);
    default: return false;
  }
}

function isWildcard(t: Term): boolean {
  return t.type === 'var' && t.name === '_';
}

function firstUnboundName(a: Term, b: Term): string {
  const find = (t: Term): string | null => (t.type === 'var' ? t.name : null);
  return find(a) ?? find(b) ?? 'expression';
}

function isCollection(v: Value): boolean {
  return Array.isArray(v) || isObject(v) || isSet(v);
}
