/** Arithmetic, comparison and rounding operators. */
import { builtinError, typeError } from '../errors';
import { compare, equal, isSet, RSet, typeName, type Value } from '../value';
import { num, operand, type Builtin } from './registry';

function arith(name: string, op: (a: number, b: number) => number, setOp?: (a: RSet, b: RSet) => RSet): Builtin {
  return {
    name,
    arity: 2,
    fn(args) {
      const [a, b] = args as [Value, Value];
      if (setOp) {
        operand(args, 1, ['number', 'set']);
        if (isSet(a)) {
          if (!isSet(b)) throw typeError(`operand 2 must be set but got ${typeName(b)}`);
          return setOp(a, b);
        }
      }
      return finite(op(num(args, 1), num(args, 2)));
    },
  };
}

function finite(n: number): number {
  if (!Number.isFinite(n)) throw builtinError('arithmetic result out of range');
  return n;
}

const setDiff = (a: RSet, b: RSet): RSet => RSet.from([...a].filter((v) => !b.has(v)));

function cmp(name: string, test: (c: number) => boolean): Builtin {
  return { name, arity: 2, fn: (args) => test(compare(args[0]!, args[1]!)) };
}

function rounding(name: string, f: (n: number) => number): Builtin {
  return { name, arity: 1, fn: (args) => f(num(args, 1)) };
}

/** Go's math.Round: halves away from zero. */
const goRound = (n: number): number => Math.sign(n) * Math.round(Math.abs(n));

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let i = from; i <= to; i += step) out.push(i);
  else for (let i = from; i >= to; i -= step) out.push(i);
  return out;
}

/** Ranges are materialized: refuse sizes that would exhaust memory rather than time. */
const MAX_RANGE = 1_000_000;

export const NUMBER_BUILTINS: Builtin[] = [
  arith('plus', (a, b) => a + b),
  arith('minus', (a, b) => a - b, setDiff),
  arith('mul', (a, b) => a * b),
  {
    name: 'div',
    arity: 2,
    fn(args) {
      const a = num(args, 1);
      const b = num(args, 2);
      if (b === 0) throw builtinError('divide by zero');
      return finite(a / b);
    },
  },
  {
    name: 'rem',
    arity: 2,
    fn(args) {
      const a = num(args, 1);
      const b = num(args, 2);
      if (!Number.isInteger(a) || !Number.isInteger(b)) throw builtinError('modulo on floating-point number');
      if (b === 0) throw builtinError('modulo by zero');
      const r = a % b;
      return r === 0 ? 0 : r;
    },
  },
  cmp('lt', (c) => c < 0),
  cmp('lte', (c) => c <= 0),
  cmp('gt', (c) => c > 0),
  cmp('gte', (c) => c >= 0),
  { name: 'equal', arity: 2, fn: (args) => equal(args[0]!, args[1]!) },
  { name: 'neq', arity: 2, fn: (args) => !equal(args[0]!, args[1]!) },
  rounding('abs', Math.abs),
  rounding('round', goRound),
  rounding('ceil', Math.ceil),
  rounding('floor', Math.floor),
  {
    name: 'numbers.range',
    arity: 2,
    fn(args) {
      const a = num(args, 1);
      const b = num(args, 2);
      if (!Number.isInteger(a)) throw typeError('operand 1 must be integer number but got floating-point number');
      if (!Number.isInteger(b)) throw typeError('operand 2 must be integer number but got floating-point number');
      if (Math.abs(b - a) > MAX_RANGE) throw builtinError('range too large');
      return range(a, b, 1);
    },
  },
  {
    name: 'numbers.range_step',
    arity: 3,
    fn(args) {
      const a = num(args, 1);
      const b = num(args, 2);
      const s = num(args, 3);
      if (!Number.isInteger(a)) throw typeError('operand 1 must be integer number but got floating-point number');
      if (!Number.isInteger(b)) throw typeError('operand 2 must be integer number but got floating-point number');
      if (!Number.isInteger(s)) throw typeError('operand 3 must be integer number but got floating-point number');
      if (s <= 0) throw builtinError('step must be a positive integer');
      if (Math.abs(b - a) / s > MAX_RANGE) throw builtinError('range too large');
      return range(a, b, s);
    },
  },
];
