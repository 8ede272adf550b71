/** Type predicates and type_name. */
import { typeName, type TypeName } from '../value';
import type { Builtin } from './registry';

function is(name: string, t: TypeName): Builtin {
  return { name, arity: 1, fn: (args) => typeName(args[0]!) === t };
}

export const TYPE_BUILTINS: Builtin[] = [
  is('is_number', 'number'),
  is('is_string', 'string'),
  is('is_boolean', 'boolean'),
  is('is_array', 'array'),
  is('is_set', 'set'),
  is('is_object', 'object'),
  is('is_null', 'null'),
  { name: 'type_name', arity: 1, fn: (args) => typeName(args[0]!) },
];
