/**
 * Builtin function contract. A builtin receives evaluated arguments and returns a value,
 * `undefined` (the call is undefined), or throws BuiltinError (recorded; strict mode reports it).
 */
import { typeError } from '../errors';
import { typeName, type RObject, type RSet, type TypeName, type Value } from '../value';

export interface BuiltinContext {
  /** Nanoseconds since the epoch, fixed for the whole query. */
  nowNs(): number;
  print(text: string): void;
}

export interface Builtin {
  name: string;
  /** Number of arguments; -1 for variadic (print). */
  arity: number;
  fn(args: Value[], ctx: BuiltinContext): Value | undefined;
  /** Relations (like `walk`) produce several results; the call enumerates them. */
  many?: (args: Value[], ctx: BuiltinContext) => Iterable<Value>;
}

export function defineBuiltins(list: Builtin[]): Map<string, Builtin> {
  return new Map(list.map((b) => [b.name, b]));
}

type Expected = TypeName | 'any';

function describe(expected: Expected | Expected[]): string {
  return Array.isArray(expected) ? `one of {${expected.join(', ')}}` : expected;
}

/** Checks operand `pos` (1-based) against a type, with OPA's message on mismatch. */
export function operand<T extends Expected>(
  args: Value[], pos: number, expected: T | T[],
): Value {
  const v = args[pos - 1]!;
  const t = typeName(v);
  const ok = Array.isArray(expected) ? (expected as Expected[]).includes(t) : expected === 'any' || expected === t;
  if (!ok) throw typeError(`operand ${pos} must be ${describe(expected)} but got ${t}`);
  return v;
}

export const str = (args: Value[], pos: number): string => operand(args, pos, 'string') as string;
export const num = (args: Value[], pos: number): number => operand(args, pos, 'number') as number;
export const arr = (args: Value[], pos: number): readonly Value[] => operand(args, pos, 'array') as readonly Value[];
export const obj = (args: Value[], pos: number): RObject => operand(args, pos, 'object') as RObject;
export const set = (args: Value[], pos: number): RSet => operand(args, pos, 'set') as RSet;
