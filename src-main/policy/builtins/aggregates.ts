/** count, sum, product, max, min, sort. */
import { compare, isObject, isSet, RObject, type Value } from '../value';
import { operand, type Builtin } from './registry';
import { typeError } from '../errors';

function elements(args: Value[], pos: number, kinds: ('array' | 'set' | 'object' | 'string')[]): Value[] {
  const v = operand(args, pos, kinds);
  if (Array.isArray(v)) return v as Value[];
  if (isSet(v)) return [...v];
  if (isObject(v)) return [...v.values()];
  return [];
}

function numbers(args: Value[]): number[] {
  const items = elements(args, 1, ['array', 'set']);
  return items.map((x) => {
    if (typeof x !== 'number') throw typeError(`operand 1 must be one of {array, set} containing numbers but got ${typeof x === 'string' ? 'string' : 'non-number'} element`);
    return x;
  });
}

export const AGGREGATE_BUILTINS: Builtin[] = [
  {
    name: 'count',
    arity: 1,
    fn(args) {
      const v = operand(args, 1, ['array', 'object', 'set', 'string']);
      if (typeof v === 'string') return [...v].length;
      if (Array.isArray(v)) return v.length;
      return (v as RObject).size;
    },
  },
  { name: 'sum', arity: 1, fn: (args) => numbers(args).reduce((a, b) => a + b, 0) },
  { name: 'product', arity: 1, fn: (args) => numbers(args).reduce((a, b) => a * b, 1) },
  {
    name: 'max',
    arity: 1,
    fn(args) {
      const items = elements(args, 1, ['array', 'set']);
      return items.length === 0 ? undefined : items.reduce((a, b) => (compare(a, b) >= 0 ? a : b));
    },
  },
  {
    name: 'min',
    arity: 1,
    fn(args) {
      const items = elements(args, 1, ['array', 'set']);
      return items.length === 0 ? undefined : items.reduce((a, b) => (compare(a, b) <= 0 ? a : b));
    },
  },
  { name: 'sort', arity: 1, fn: (args) => elements(args, 1, ['array', 'set']).slice().sort(compare) },
];
