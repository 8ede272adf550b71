/**
 * Variable analysis of a body: which local variables each literal binds and which it needs
 * bound first, so literals can be reordered for safety as OPA's compiler does.
 */
import type { Expr, Literal, Term } from './ast';

export interface VarUse {
  binds: Set<string>;
  needs: Set<string>;
  /** Names used inside nested closures (comprehensions, every, not). */
  closed: Set<string>;
}

type IsLocal = (name: string) => boolean;

function termUse(t: Term, mode: 'pattern' | 'value', u: VarUse, isLocal: IsLocal): void {
  switch (t.type) {
    case 'scalar': return;
    case 'var':
      if (t.name === '_' || !isLocal(t.name)) return;
      (mode === 'pattern' ? u.binds : u.needs).add(t.name);
      return;
    case 'ref':
      termUse(t.head, 'value', u, isLocal);
      for (const p of t.path) termUse(p, 'pattern', u, isLocal);
      return;
    case 'array':
    case 'set':
      for (const i of t.items) termUse(i, t.type === 'set' ? 'value' : mode, u, isLocal);
      return;
    case 'object':
      for (const [k, v] of t.entries) { termUse(k, 'value', u, isLocal); termUse(v, mode, u, isLocal); }
      return;
    case 'call':
      for (const a of t.args) termUse(a, 'value', u, isLocal);
      return;
    case 'template':
      for (const p of t.parts) if (typeof p !== 'string') termUse(p, 'value', u, isLocal);
      return;
    case 'arraycomp':
    case 'setcomp':
      closedNames([t.head], t.body, u.closed);
      return;
    case 'objectcomp':
      closedNames([t.key, t.value], t.body, u.closed);
      return;
  }
}

function closedNames(terms: Term[], body: Literal[], out: Set<string>): void {
  const visit = (t: Term): void => {
    switch (t.type) {
      case 'var': out.add(t.name); return;
      case 'ref': visit(t.head); t.path.forEach(visit); return;
      case 'array': case 'set': t.items.forEach(visit); return;
      case 'object': for (const [k, v] of t.entries) { visit(k); visit(v); } return;
      case 'call': t.args.forEach(visit); return;
      case 'template': for (const p of t.parts) if (typeof p !== 'string') visit(p); return;
      case 'arraycomp': case 'setcomp': closedNames([t.head], t.body, out); return;
      case 'objectcomp': closedNames([t.key, t.value], t.body, out); return;
      case 'scalar': return;
    }
  };
  terms.forEach(visit);
  for (const lit of body) {
    exprTerms(lit.expr).forEach(visit);
    if (lit.expr.kind === 'every') closedNames([], lit.expr.body, out);
    for (const w of lit.withs) visit(w.value);
  }
}

export function exprTerms(e: Expr): Term[] {
  switch (e.kind) {
    case 'term': return [e.term];
    case 'unify': case 'assign': return [e.left, e.right];
    case 'some': return e.vars;
    case 'somein': return e.key ? [e.key, e.value, e.collection] : [e.value, e.collection];
    case 'every': return e.key ? [e.key, e.value, e.collection] : [e.value, e.collection];
  }
}

export function literalUse(lit: Literal, isLocal: IsLocal, outputArity: (call: Term & { type: 'call' }) => boolean): VarUse {
  const u: VarUse = { binds: new Set(), needs: new Set(), closed: new Set() };
  const e = lit.expr;
  switch (e.kind) {
    case 'term':
      if (e.term.type === 'call' && outputArity(e.term)) {
        const args = e.term.args;
        args.slice(0, -1).forEach((a) => termUse(a, 'value', u, isLocal));
        termUse(args[args.length - 1]!, 'pattern', u, isLocal);
      } else {
        termUse(e.term, 'value', u, isLocal);
      }
      break;
    case 'unify':
      termUse(e.left, 'pattern', u, isLocal);
      termUse(e.right, 'pattern', u, isLocal);
      break;
    case 'assign':
      termUse(e.left, 'pattern', u, isLocal);
      termUse(e.right, 'value', u, isLocal);
      break;
    case 'some':
      break;
    case 'somein':
      if (e.key) termUse(e.key, 'pattern', u, isLocal);
      termUse(e.value, 'pattern', u, isLocal);
      termUse(e.collection, 'value', u, isLocal);
      break;
    case 'every':
      termUse(e.collection, 'value', u, isLocal);
      closedNames([], e.body, u.closed);
      break;
  }
  for (const w of lit.withs) termUse(w.value, 'value', u, isLocal);
  if (lit.negated) {
    for (const b of u.binds) u.needs.add(b);
    u.binds.clear();
  }
  return u;
}

/**
 * Greedy safety ordering: keep source order, but move a literal later when a variable it
 * needs is bound only by a later literal.
 */
export function reorder<T>(items: T[], uses: VarUse[], initiallyBound: Set<string>, declared: Set<string>): T[] {
  const bindable = new Set<string>();
  for (const u of uses) for (const b of u.binds) bindable.add(b);
  const bound = new Set(initiallyBound);
  const pending = items.map((item, i) => ({ item, u: uses[i]! }));
  const out: T[] = [];
  const ready = (u: VarUse): boolean => {
    for (const n of u.needs) if (bindable.has(n) && !bound.has(n) && !u.binds.has(n)) return false;
    // A closure captures a declared (`:=`, `some`) variable only if it is bound earlier in source order.
    for (const n of u.closed) if (bindable.has(n) && !bound.has(n) && !u.binds.has(n) && !declared.has(n)) return false;
    return true;
  };
  while (pending.length > 0) {
    let idx = pending.findIndex((p) => ready(p.u));
    if (idx < 0) idx = 0;
    const [p] = pending.splice(idx, 1);
    out.push(p!.item);
    for (const b of p!.u.binds) bound.add(b);
  }
  return out;
}
