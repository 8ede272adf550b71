/** Bitwise operators on integers, computed exactly with bigint. */
import { typeError } from '../errors';
import { num, type Builtin } from './registry';
import type { Value } from '../value';

function int(args: Value[], pos: number): bigint {
  const n = num(args, pos);
  if (!Number.isInteger(n)) throw typeError(`operand ${pos} must be integer number but got floating-point number`);
  return BigInt(n);
}

function shift(args: Value[]): [bigint, bigint] {
  const a = int(args, 1);
  const b = int(args, 2);
  if (b < 0n) throw typeError('operand 2 must be an unsigned integer number but got a negative integer');
  return [a, b];
}

const toNumber = (b: bigint): number => Number(b);

export const BITS_BUILTINS: Builtin[] = [
  { name: 'bits.and', arity: 2, fn: (args) => toNumber(int(args, 1) & int(args, 2)) },
  { name: 'bits.or', arity: 2, fn: (args) => toNumber(int(args, 1) | int(args, 2)) },
  { name: 'bits.xor', arity: 2, fn: (args) => toNumber(int(args, 1) ^ int(args, 2)) },
  { name: 'bits.negate', arity: 1, fn: (args) => toNumber(~int(args, 1)) },
  { name: 'bits.lsh', arity: 2, fn: (args) => { const [a, b] = shift(args); return toNumber(a << b); } },
  { name: 'bits.rsh', arity: 2, fn: (args) => { const [a, b] = shift(args); return toNumber(a >> b); } },
];
