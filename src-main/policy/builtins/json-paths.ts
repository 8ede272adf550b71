/** json.filter, json.remove and json.patch: editing documents by path. */
import { builtinError, typeError } from '../errors';
import { equal, isObject, isSet, RObject, RSet, typeName, type Value } from '../value';
import { arr, operand, type Builtin } from './registry';

/** Paths as segment lists; strings are "/"-separated ("a/b", "/a/b"). */
function paths(args: Value[]): Value[][] {
  const v = args[1]!;
  if (!Array.isArray(v) && !isSet(v)) throw typeError(`operand 2 must be one of {set, array} but got ${typeName(v)}`);
  const items = Array.isArray(v) ? (v as Value[]) : [...v];
  return items.map((p) => {
    if (typeof p === 'string') return p.replace(/^\//, '').split('/').filter((s, _i, all) => s !== '' || all.length === 1);
    if (Array.isArray(p)) return p as Value[];
    throw typeError(`operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`);
  });
}

interface PathTree { leaf: boolean; children: Map<string, { key: Value; tree: PathTree }> }

function segmentKey(s: Value): string {
  return typeof s === 'number' ? String(s) : typeof s === 'string' ? s : JSON.stringify(s);
}

function buildTree(list: Value[][]): PathTree {
  const root: PathTree = { leaf: false, children: new Map() };
  for (const p of list) {
    let node = root;
    for (const seg of p) {
      const k = segmentKey(seg);
      let next = node.children.get(k);
      if (!next) {
        next = { key: seg, tree: { leaf: false, children: new Map() } };
        node.children.set(k, next);
      }
      node = next.tree;
    }
    node.leaf = true;
  }
  return root;
}

function filter(v: Value, tree: PathTree): Value {
  if (tree.leaf) return v;
  if (isObject(v)) {
    const out = new RObject();
    for (const [k, x] of v.entries()) {
      const sub = tree.children.get(segmentKey(k));
      if (sub) out.set(k, filter(x, sub.tree));
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const sub = tree.children.get(String(i));
      if (sub) out.push(filter(x, sub.tree));
    });
    return out;
  }
  if (isSet(v)) return RSet.from([...v].filter((x) => tree.children.has(segmentKey(x))));
  return v;
}

function remove(v: Value, tree: PathTree): Value | undefined {
  if (tree.leaf) return undefined;
  if (isObject(v)) {
    const out = new RObject();
    for (const [k, x] of v.entries()) {
      const sub = tree.children.get(segmentKey(k));
      const kept = sub ? remove(x, sub.tree) : x;
      if (kept !== undefined) out.set(k, kept);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const sub = tree.children.get(String(i));
      const kept = sub ? remove(x, sub.tree) : x;
      if (kept !== undefined) out.push(kept);
    });
    return out;
  }
  if (isSet(v)) return RSet.from([...v].filter((x) => !tree.children.get(segmentKey(x))?.tree.leaf));
  return v;
}

// ---------------------------------------------------------------- JSON Patch (RFC 6902)

function pointer(p: Value): Value[] {
  if (Array.isArray(p)) return p as Value[];
  if (typeof p !== 'string') throw builtinError('patch path must be a string or array');
  if (p === '') return [];
  return p.replace(/^\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function childOf(v: Value, seg: Value): Value | undefined {
  if (isObject(v)) return v.get(seg);
  if (Array.isArray(v)) {
    const i = Number(seg);
    return Number.isInteger(i) && i >= 0 && i < v.length ? v[i] : undefined;
  }
  if (isSet(v)) return v.has(seg) ? seg : undefined;
  return undefined;
}

function get(doc: Value, path: Value[]): Value | undefined {
  let cur: Value | undefined = doc;
  for (const seg of path) {
    if (cur === undefined) return undefined;
    cur = childOf(cur, seg);
  }
  return cur;
}

/** Applies `edit` to the container at `path[..-1]`, copying along the way. */
function update(doc: Value, path: Value[], edit: (parent: Value, last: Value) => Value): Value {
  if (path.length === 1) return edit(doc, path[0]!);
  const [head, ...rest] = path;
  const child = childOf(doc, head!);
  if (child === undefined) throw builtinError('path does not exist');
  const nu = update(child, rest, edit);
  if (isObject(doc)) { const o = doc.clone(); o.set(head!, nu); return o; }
  if (Array.isArray(doc)) { const a = doc.slice(); a[Number(head)] = nu; return a; }
  throw builtinError('path does not exist');
}

function add(doc: Value, path: Value[], value: Value): Value {
  if (path.length === 0) return value;
  return update(doc, path, (parent, last) => {
    if (isObject(parent)) { const o = parent.clone(); o.set(last, value); return o; }
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(i) || i < 0 || i > parent.length) throw builtinError('array index out of range');
      const a = parent.slice();
      a.splice(i, 0, value);
      return a;
    }
    if (isSet(parent)) return RSet.from([...parent, value]);
    throw builtinError('cannot add to a scalar');
  });
}

function del(doc: Value, path: Value[]): Value {
  if (path.length === 0) throw builtinError('cannot remove the root');
  return update(doc, path, (parent, last) => {
    if (childOf(parent, last) === undefined) throw builtinError('path does not exist');
    if (isObject(parent)) { const o = parent.clone(); o.delete(last); return o; }
    if (Array.isArray(parent)) { const a = parent.slice(); a.splice(Number(last), 1); return a; }
    if (isSet(parent)) return RSet.from([...parent].filter((x) => !equal(x, last)));
    throw builtinError('path does not exist');
  });
}

function applyPatch(doc: Value, op: Value): Value {
  if (!isObject(op)) throw builtinError('patch must be an object');
  const kind = op.get('op');
  const path = pointer(op.get('path') ?? '');
  switch (kind) {
    case 'add': return add(doc, path, op.get('value') ?? null);
    case 'remove': return del(doc, path);
    case 'replace': return add(del(doc, path), path, op.get('value') ?? null);
    case 'move': {
      const from = pointer(op.get('from') ?? '');
      const v = get(doc, from);
      if (v === undefined) throw builtinError('from path does not exist');
      return add(del(doc, from), path, v);
    }
    case 'copy': {
      const v = get(doc, pointer(op.get('from') ?? ''));
      if (v === undefined) throw builtinError('from path does not exist');
      return add(doc, path, v);
    }
    case 'test': {
      const v = get(doc, path);
      if (v === undefined || !equal(v, op.get('value') ?? null)) throw builtinError('test operation failed');
      return doc;
    }
    default:
      throw builtinError(`unknown patch operation ${JSON.stringify(kind)}`);
  }
}

export const JSON_PATH_BUILTINS: Builtin[] = [
  {
    name: 'json.filter',
    arity: 2,
    fn: (args) => filter(operand(args, 1, 'object'), buildTree(paths(args))),
  },
  {
    name: 'json.remove',
    arity: 2,
    fn: (args) => remove(operand(args, 1, 'object'), buildTree(paths(args))) ?? new RObject(),
  },
  {
    name: 'json.patch',
    arity: 2,
    fn: (args) => arr(args, 2).reduce<Value>((doc, op) => applyPatch(doc, op), args[0]!),
  },
];
