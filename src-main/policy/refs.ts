/**
 * Walking references: stepping through values and the `data` tree key by key, enumerating
 * when a key is an unbound variable, and copy-on-write updates used by `with`.
 */
import type { Ctx, Frame, PatFn, TermEval, VCont } from './runtime';
import { childKeys, nodeValue, type TreeNode } from './tree';
import { isObject, isSet, RObject, type Value } from './value';

/** One key of a reference: a constant, a variable (bound or enumerated), or a general term. */
export type KeyStep =
  | { kind: 'const'; value: Value }
  | { kind: 'var'; slot: number }
  | { kind: 'term'; ev: TermEval; pat: PatFn; slots: number[] };

export function allBound(f: Frame, slots: number[]): boolean {
  for (const s of slots) if (f[s] === undefined) return false;
  return true;
}

/** Calls `fn(key, value)` for each element; stops and returns true when `fn` does. */
export function eachEntry(c: Value, fn: (key: Value, value: Value) => boolean): boolean {
  if (Array.isArray(c)) {
    for (let i = 0; i < c.length; i++) if (fn(i, c[i]!)) return true;
  } else if (isObject(c)) {
    for (const [key, v] of c.entries()) if (fn(key, v)) return true;
  } else if (isSet(c)) {
    for (const v of c) if (fn(v, v)) return true;
  }
  return false;
}

function lookup(v: Value, key: Value): Value | undefined {
  if (Array.isArray(v)) {
    return typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < v.length ? v[key] : undefined;
  }
  if (isObject(v)) return v.get(key);
  if (isSet(v)) return v.has(key) ? key : undefined;
  return undefined;
}

/** `walkValue` for a path of constant keys: the value at the end, or undefined. */
export function lookupPath(v: Value, keys: readonly Value[]): Value | undefined {
  let cur: Value | undefined = v;
  for (let i = 0; i < keys.length && cur !== undefined; i++) cur = lookup(cur, keys[i]!);
  return cur;
}

export function walkValue(ctx: Ctx, f: Frame, v: Value, steps: KeyStep[], i: number, k: VCont): boolean {
  if (i === steps.length) return k(v);
  const step = steps[i]!;
  switch (step.kind) {
    case 'const': {
      const next = lookup(v, step.value);
      return next === undefined ? false : walkValue(ctx, f, next, steps, i + 1, k);
    }
    case 'var': {
      const bound = f[step.slot];
      if (bound !== undefined) {
        const next = lookup(v, bound);
        return next === undefined ? false : walkValue(ctx, f, next, steps, i + 1, k);
      }
      const slot = step.slot;
      return eachEntry(v, (key, val) => {
        ctx.step();
        f[slot] = key;
        const r = walkValue(ctx, f, val, steps, i + 1, k);
        f[slot] = undefined;
        return r;
      });
    }
    case 'term': {
      if (allBound(f, step.slots)) {
        return step.ev(ctx, f, (key) => {
          const next = lookup(v, key);
          return next === undefined ? false : walkValue(ctx, f, next, steps, i + 1, k);
        });
      }
      return eachEntry(v, (key, val) => step.pat(ctx, f, key, () => walkValue(ctx, f, val, steps, i + 1, k)));
    }
  }
}

/** Follows constant string keys through the tree at compile time, stopping at the first rule. */
export function staticPrefix(root: TreeNode, steps: KeyStep[]): { node: TreeNode; depth: number; basePath: string[] } | null {
  let node = root;
  const basePath: string[] = [];
  let depth = 0;
  while (depth < steps.length && !node.ruleset) {
    const s = steps[depth]!;
    if (s.kind !== 'const' || typeof s.value !== 'string') break;
    const c = node.children.get(s.value);
    if (!c) break;
    node = c;
    basePath.push(s.value);
    depth++;
  }
  return depth === 0 ? null : { node, depth, basePath };
}

export function walkNode(ctx: Ctx, f: Frame, node: TreeNode, base: Value | undefined, steps: KeyStep[], i: number, k: VCont): boolean {
  if (node.ruleset || i === steps.length || ctx.shadowed?.has(node)) {
    const v = nodeValue(ctx, node, base);
    return v === undefined ? false : walkValue(ctx, f, v, steps, i, k);
  }
  const step = steps[i]!;
  switch (step.kind) {
    case 'const':
      return descendNode(ctx, f, node, base, steps, i, k, step.value);
    case 'var': {
      const bound = f[step.slot];
      if (bound !== undefined) return descendNode(ctx, f, node, base, steps, i, k, bound);
      for (const key of childKeys(node, base)) {
        f[step.slot] = key;
        const r = descendNode(ctx, f, node, base, steps, i, k, key);
        f[step.slot] = undefined;
        if (r) return true;
      }
      return false;
    }
    case 'term': {
      if (allBound(f, step.slots)) return step.ev(ctx, f, (key) => descendNode(ctx, f, node, base, steps, i, k, key));
      for (const key of childKeys(node, base)) {
        if (step.pat(ctx, f, key, () => descendNode(ctx, f, node, base, steps, i, k, key))) return true;
      }
      return false;
    }
  }
}

/** Steps from `node` into its child (or base document) named `key`. */
function descendNode(ctx: Ctx, f: Frame, node: TreeNode, base: Value | undefined, steps: KeyStep[], i: number, k: VCont, key: Value): boolean {
  const child = typeof key === 'string' ? node.children.get(key) : undefined;
  // Base documents come from JSON, so `data[2]` finds the key "2".
  const childBase = isObject(base) ? base.get(key) ?? (typeof key === 'number' ? base.get(String(key)) : undefined) : undefined;
  if (child) return walkNode(ctx, f, child, childBase, steps, i + 1, k);
  return childBase === undefined ? false : walkValue(ctx, f, childBase, steps, i + 1, k);
}

export function getPath(v: Value | undefined, path: readonly string[]): Value | undefined {
  let cur = v;
  for (const p of path) {
    if (!isObject(cur)) return undefined;
    cur = cur.get(p);
  }
  return cur;
}

/** Copy-on-write update of `root` at `path`, creating objects along the way. */
export function setPath(root: Value | undefined, path: readonly string[], value: Value): Value {
  if (path.length === 0) return value;
  const o = isObject(root) ? root.clone() : new RObject();
  const [head, ...rest] = path;
  o.set(head!, setPath(o.get(head!), rest, value));
  return o;
}
