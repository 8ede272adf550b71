/** Membership, set algebra, and array/object/set builtins. */
import { builtinError, typeError } from '../errors';
import { equal, isObject, isSet, keyOf, RObject, RSet, typeName, type Value } from '../value';
import { arr, num, obj, operand, set, str, type Builtin } from './registry';

function member(x: Value, c: Value): boolean {
  if (Array.isArray(c)) return c.some((e) => equal(e, x));
  if (isSet(c)) return c.has(x);
  if (isObject(c)) {
    for (const v of c.values()) if (equal(v, x)) return true;
  }
  return false;
}

function member3(k: Value, x: Value, c: Value): boolean {
  if (Array.isArray(c)) return typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < c.length && equal(c[k]!, x);
  if (isObject(c)) {
    const v = c.get(k);
    return v !== undefined && equal(v, x);
  }
  return false;
}

function setOfSets(args: Value[]): RSet[] {
  const s = set(args, 1);
  return [...s].map((x) => {
    if (!isSet(x)) throw typeError(`operand 1 must be set of sets but got set containing ${typeName(x)}`);
    return x;
  });
}

/** Path arguments of object.remove/json.filter accept keys as arrays, sets or objects. */
function keysOf(v: Value, pos: number): Value[] {
  if (Array.isArray(v)) return v as Value[];
  if (isSet(v)) return [...v];
  if (isObject(v)) return [...v.keys()];
  throw typeError(`operand ${pos} must be one of {object, set, array} but got ${typeName(v)}`);
}

function union(a: RObject, b: RObject): RObject {
  const out = a.clone();
  for (const [k, v] of b.entries()) {
    const prev = out.get(k);
    out.set(k, isObject(prev) && isObject(v) ? union(prev, v) : v);
  }
  return out;
}

function isSubset(sup: Value, sub: Value): boolean {
  if (isObject(sup) && isObject(sub)) {
    for (const [k, v] of sub.entries()) {
      const s = sup.get(k);
      if (s === undefined || !isSubset(s, v)) return false;
    }
    return true;
  }
  if (isSet(sup) && isSet(sub)) return [...sub].every((x) => sup.has(x));
  if (Array.isArray(sup) && Array.isArray(sub)) {
    if (sub.length === 0) return true;
    for (let i = 0; i + sub.length <= sup.length; i++) {
      if (sub.every((x, j) => equal(x, sup[i + j]!))) return true;
    }
    return false;
  }
  if (Array.isArray(sup) && isSet(sub)) return [...sub].every((x) => sup.some((y) => equal(x, y)));
  return equal(sup, sub);
}

export const COLLECTION_BUILTINS: Builtin[] = [
  { name: 'internal.member_2', arity: 2, fn: (args) => member(args[0]!, args[1]!) },
  { name: 'internal.member_3', arity: 3, fn: (args) => member3(args[0]!, args[1]!, args[2]!) },
  {
    name: 'and',
    arity: 2,
    fn(args) {
      const a = set(args, 1);
      const b = set(args, 2);
      return RSet.from([...a].filter((x) => b.has(x)));
    },
  },
  {
    name: 'or',
    arity: 2,
    fn(args) {
      const a = set(args, 1);
      const b = set(args, 2);
      return RSet.from([...a, ...b]);
    },
  },
  {
    name: 'intersection',
    arity: 1,
    fn(args) {
      const sets = setOfSets(args);
      if (sets.length === 0) return new RSet();
      return RSet.from([...sets[0]!].filter((x) => sets.every((s) => s.has(x))));
    },
  },
  { name: 'union', arity: 1, fn: (args) => RSet.from(setOfSets(args).flatMap((s) => [...s])) },
  { name: 'array.concat', arity: 2, fn: (args) => [...arr(args, 1), ...arr(args, 2)] },
  {
    name: 'array.slice',
    arity: 3,
    fn(args) {
      const a = arr(args, 1);
      let from = Math.max(0, Math.floor(num(args, 2)));
      const to = Math.min(a.length, Math.floor(num(args, 3)));
      if (from > to) from = to;
      return a.slice(from, to);
    },
  },
  { name: 'array.reverse', arity: 1, fn: (args) => arr(args, 1).slice().reverse() },
  {
    name: 'array.flatten',
    arity: 1,
    fn(args) {
      return arr(args, 1).flatMap((x) => (Array.isArray(x) ? x : [x]));
    },
  },
  {
    name: 'object.get',
    arity: 3,
    fn(args) {
      const o = obj(args, 1);
      const key = args[1]!;
      if (!Array.isArray(key)) return o.get(key) ?? args[2]!;
      let cur: Value = o;
      for (const k of key) {
        let next: Value | undefined;
        if (isObject(cur)) next = cur.get(k);
        else if (Array.isArray(cur)) next = typeof k === 'number' && Number.isInteger(k) ? cur[k] : undefined;
        else if (isSet(cur)) next = cur.has(k) ? k : undefined;
        if (next === undefined) return args[2]!;
        cur = next;
      }
      return cur;
    },
  },
  { name: 'object.keys', arity: 1, fn: (args) => RSet.from(obj(args, 1).keys()) },
  {
    name: 'object.remove',
    arity: 2,
    fn(args) {
      const o = obj(args, 1).clone();
      for (const k of keysOf(args[1]!, 2)) o.delete(k);
      return o;
    },
  },
  {
    name: 'object.filter',
    arity: 2,
    fn(args) {
      const o = obj(args, 1);
      const keep = new Set(keysOf(args[1]!, 2).map(keyOf));
      return RObject.from([...o.entries()].filter(([k]) => keep.has(keyOf(k))));
    },
  },
  { name: 'object.union', arity: 2, fn: (args) => union(obj(args, 1), obj(args, 2)) },
  {
    name: 'object.union_n',
    arity: 1,
    fn(args) {
      let out = new RObject();
      for (const o of arr(args, 1)) {
        if (!isObject(o)) throw typeError(`operand 1 must be array of objects but got array containing ${typeName(o)}`);
        out = union(out, o);
      }
      return out;
    },
  },
  {
    name: 'object.subset',
    arity: 2,
    fn(args) {
      const sup = operand(args, 1, ['object', 'set', 'array']);
      const sub = operand(args, 2, ['object', 'set', 'array']);
      if (isObject(sup) !== isObject(sub)) throw builtinError('both arguments must be objects, or neither');
      return isSubset(sup, sub);
    },
  },
  {
    name: 'strings.count',
    arity: 2,
    fn(args) {
      const s = str(args, 1);
      const sub = str(args, 2);
      if (sub === '') return [...s].length + 1;
      return s.split(sub).length - 1;
    },
  },
];
