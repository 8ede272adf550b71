/** String builtins. Offsets and lengths count Unicode code points, as Go's runes do. */
import { builtinError, typeError } from '../errors';
import { isSet, typeName, type RObject, type Value } from '../value';
import { num, operand, str, type Builtin } from './registry';

function stringsOf(args: Value[], pos: number): string[] {
  const c = operand(args, pos, ['array', 'set']);
  const items = isSet(c) ? [...c] : (c as Value[]);
  return items.map((x) => {
    if (typeof x !== 'string') throw typeError(`operand ${pos} must be array of strings but got ${typeName(c)} containing ${typeName(x)}`);
    return x;
  });
}

/** A string or an array/set of strings (any_prefix_match and friends). */
function stringOrStrings(args: Value[], pos: number): string[] {
  const v = operand(args, pos, ['string', 'set', 'array']);
  if (typeof v === 'string') return [v];
  const items = isSet(v) ? [...v] : (v as Value[]);
  return items.map((x) => {
    if (typeof x !== 'string') throw typeError(`operand ${pos} must be array of strings but got ${typeName(v)} containing ${typeName(x)}`);
    return x;
  });
}

function runes(s: string): string[] { return [...s]; }

function cutset(s: string, set: string, left: boolean, right: boolean): string {
  const chars = new Set(runes(set));
  const r = runes(s);
  let a = 0;
  let b = r.length;
  if (left) while (a < b && chars.has(r[a]!)) a++;
  if (right) while (b > a && chars.has(r[b - 1]!)) b--;
  return r.slice(a, b).join('');
}

function int(args: Value[], pos: number): number {
  const n = num(args, pos);
  if (!Number.isInteger(n)) throw typeError(`operand ${pos} must be integer number but got floating-point number`);
  return n;
}

const GO_SPACE = /^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g;

export const STRING_BUILTINS: Builtin[] = [
  {
    name: 'concat',
    arity: 2,
    fn: (args) => {
      const delim = str(args, 1);
      return stringsOf(args, 2).join(delim);
    },
  },
  { name: 'startswith', arity: 2, fn: (args) => str(args, 1).startsWith(str(args, 2)) },
  { name: 'endswith', arity: 2, fn: (args) => str(args, 1).endsWith(str(args, 2)) },
  { name: 'contains', arity: 2, fn: (args) => str(args, 1).includes(str(args, 2)) },
  { name: 'lower', arity: 1, fn: (args) => str(args, 1).toLowerCase() },
  { name: 'upper', arity: 1, fn: (args) => str(args, 1).toUpperCase() },
  {
    name: 'split',
    arity: 2,
    fn: (args) => {
      const s = str(args, 1);
      const d = str(args, 2);
      return d === '' ? runes(s) : s.split(d);
    },
  },
  {
    name: 'replace',
    arity: 3,
    fn: (args) => {
      const s = str(args, 1);
      const old = str(args, 2);
      const nu = str(args, 3);
      if (old === '') return runes(s).reduce((acc, r) => acc + r + nu, nu);
      return s.split(old).join(nu);
    },
  },
  {
    name: 'strings.replace_n',
    arity: 2,
    fn: (args) => {
      const patterns = operand(args, 1, 'object');
      const s = str(args, 2);
      const pairs: [string, string][] = [];
      for (const [k, v] of (patterns as RObject).entries()) {
        if (typeof k !== 'string') throw typeError('operand 1 non-string key found in pattern object');
        if (typeof v !== 'string') throw typeError('operand 1 non-string value found in pattern object');
        pairs.push([k, v]);
      }
      pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      // Go's strings.NewReplacer: at each position the first matching old string wins; an empty
      // old string matches before every character and at the end.
      const empty = pairs.find(([old]) => old === '')?.[1];
      let out = '';
      let i = 0;
      outer: while (i < s.length) {
        if (empty !== undefined) out += empty;
        for (const [old, nu] of pairs) {
          if (old !== '' && s.startsWith(old, i)) {
            out += nu;
            i += old.length;
            continue outer;
          }
        }
        out += s[i];
        i++;
      }
      if (empty !== undefined) out += empty;
      return out;
    },
  },
  {
    name: 'indexof',
    arity: 2,
    fn: (args) => {
      const s = str(args, 1);
      const sub = str(args, 2);
      const i = s.indexOf(sub);
      return i < 0 ? -1 : runes(s.slice(0, i)).length;
    },
  },
  {
    name: 'indexof_n',
    arity: 2,
    fn: (args) => {
      const s = str(args, 1);
      const sub = str(args, 2);
      const out: number[] = [];
      if (sub === '') return out;
      for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) out.push(runes(s.slice(0, i)).length);
      return out;
    },
  },
  {
    name: 'substring',
    arity: 3,
    fn: (args) => {
      const r = runes(str(args, 1));
      const start = int(args, 2);
      const length = int(args, 3);
      if (start < 0) throw builtinError('negative offset');
      if (start >= r.length) return '';
      return (length < 0 ? r.slice(start) : r.slice(start, start + length)).join('');
    },
  },
  {
    name: 'strings.split_n',
    arity: 3,
    fn: (args) => {
      const s = str(args, 1);
      const sep = str(args, 2);
      const n = int(args, 3);
      const parts = sep === '' ? runes(s) : s.split(sep);
      if (n === 0) return [];
      // n < 0: the last |n| parts.
      if (n < 0) return parts.slice(Math.max(0, parts.length + n));
      if (parts.length <= n) return parts;
      const head = parts.slice(0, n - 1);
      return [...head, parts.slice(n - 1).join(sep)];
    },
  },
  { name: 'trim', arity: 2, fn: (args) => cutset(str(args, 1), str(args, 2), true, true) },
  { name: 'trim_left', arity: 2, fn: (args) => cutset(str(args, 1), str(args, 2), true, false) },
  { name: 'trim_right', arity: 2, fn: (args) => cutset(str(args, 1), str(args, 2), false, true) },
  {
    name: 'trim_prefix',
    arity: 2,
    fn: (args) => {
      const s = str(args, 1);
      const p = str(args, 2);
      return s.startsWith(p) ? s.slice(p.length) : s;
    },
  },
  {
    name: 'trim_suffix',
    arity: 2,
    fn: (args) => {
      const s = str(args, 1);
      const p = str(args, 2);
      return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
    },
  },
  { name: 'trim_space', arity: 1, fn: (args) => str(args, 1).replace(GO_SPACE, '') },
  { name: 'strings.reverse', arity: 1, fn: (args) => runes(str(args, 1)).reverse().join('') },
  {
    name: 'strings.any_prefix_match',
    arity: 2,
    fn: (args) => {
      const ss = stringOrStrings(args, 1);
      const ps = stringOrStrings(args, 2);
      return ss.some((s) => ps.some((p) => s.startsWith(p)));
    },
  },
  {
    name: 'strings.any_suffix_match',
    arity: 2,
    fn: (args) => {
      const ss = stringOrStrings(args, 1);
      const ps = stringOrStrings(args, 2);
      return ss.some((s) => ps.some((p) => s.endsWith(p)));
    },
  },
  {
    name: 'format_int',
    arity: 2,
    fn: (args) => {
      const n = num(args, 1);
      const base = num(args, 2);
      if (![2, 8, 10, 16].includes(base)) throw typeError('operand 2 must be one of {2, 8, 10, 16}');
      const t = Math.trunc(n);
      return (t < 0 ? '-' : '') + Math.abs(t).toString(base);
    },
  },
];
