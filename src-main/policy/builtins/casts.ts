/** to_number. */
import { builtinError, typeError } from '../errors';
import { operand, type Builtin } from './registry';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const CAST_BUILTINS: Builtin[] = [
  {
    name: 'to_number',
    arity: 1,
    fn(args) {
      const v = operand(args, 1, ['null', 'boolean', 'number', 'string']);
      if (v === null) return 0;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'number') return v;
      const s = v as string;
      // Go's ParseFloat accepts these spellings, but they are not Rego numbers.
      if (/^[+-]?(nan|inf|infinity)$/i.test(s)) throw typeError('invalid syntax');
      if (!NUMERIC.test(s)) throw builtinError('invalid syntax');
      return Number(s);
    },
  },
];
