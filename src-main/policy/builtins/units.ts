/** units.parse (SI and binary suffixes, `m` = milli) and units.parse_bytes. */
import { builtinError } from '../errors';
import { str, type Builtin } from './registry';

const MAX_EXPONENT_DIGITS = 6;

/** Splits "10.5Ki" into ["10.5", "Ki"]; an exponent like 1e3 stays with the number. */
function splitAmount(s: string): [string, string] {
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const digit = c >= '0' && c <= '9';
    if (digit || c === '.' || c === '+' || c === '-') { i++; continue; }
    if (c === 'e' || c === 'E') {
      const next = s[i + 1];
      if (next === undefined || !(/[0-9+-]/.test(next))) break;
      let j = i + 1;
      if (next === '+' || next === '-') j++;
      const start = j;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
      if (j - start > MAX_EXPONENT_DIGITS) throw builtinError('exponent too large');
      i = j;
      continue;
    }
    break;
  }
  return [s.slice(0, i), s.slice(i)];
}

const SI: Record<string, number> = {
  '': 1, m: 0.001, k: 1e3, K: 1e3, M: 1e6, g: 1e9, G: 1e9, t: 1e12, T: 1e12, p: 1e15, P: 1e15, e: 1e18, E: 1e18,
  ki: 2 ** 10, Ki: 2 ** 10, mi: 2 ** 20, Mi: 2 ** 20, gi: 2 ** 30, Gi: 2 ** 30, ti: 2 ** 40, Ti: 2 ** 40,
  pi: 2 ** 50, Pi: 2 ** 50, ei: 2 ** 60, Ei: 2 ** 60,
};

const BYTES: Record<string, number> = {
  '': 1, k: 1e3, kb: 1e3, ki: 2 ** 10, kib: 2 ** 10, m: 1e6, mb: 1e6, mi: 2 ** 20, mib: 2 ** 20,
  g: 1e9, gb: 1e9, gi: 2 ** 30, gib: 2 ** 30, t: 1e12, tb: 1e12, ti: 2 ** 40, tib: 2 ** 40,
  p: 1e15, pb: 1e15, pi: 2 ** 50, pib: 2 ** 50, e: 1e18, eb: 1e18, ei: 2 ** 60, eib: 2 ** 60,
};

function parseAmount(num: string, what: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num)) throw builtinError(`could not parse ${what} to a number`);
  return Number(num);
}

/** Multiplies without the binary-fraction noise of e.g. 1.1 * 1000 (integers stay exact). */
function scale(amount: string, factor: number): number {
  const product = Number(amount) * factor;
  if (Number.isInteger(Number(amount)) && Number.isInteger(factor)) return product;
  return Number(product.toPrecision(15));
}

export const UNIT_BUILTINS: Builtin[] = [
  {
    name: 'units.parse',
    arity: 1,
    fn(args) {
      const s = str(args, 1).replaceAll('"', '');
      if (s.includes(' ')) throw builtinError('spaces not allowed in resource strings');
      const [num, rawUnit] = splitAmount(s);
      if (num === '') throw builtinError('no amount provided');
      const unit = rawUnit.length > 1 ? rawUnit[0] + rawUnit.slice(1).toLowerCase() : rawUnit;
      const factor = SI[unit];
      if (factor === undefined) throw builtinError(`unit ${unit} not recognized`);
      parseAmount(num, 'amount');
      return scale(num, factor);
    },
  },
  {
    name: 'units.parse_bytes',
    arity: 1,
    fn(args) {
      const s = str(args, 1).toLowerCase().replaceAll('"', '');
      if (s.includes(' ')) throw builtinError('spaces not allowed in resource strings');
      const [num, unit] = splitAmount(s);
      if (num === '') throw builtinError('no byte amount provided');
      const factor = BYTES[unit];
      if (factor === undefined) throw builtinError(`byte unit ${unit} not recognized`);
      parseAmount(num, 'byte amount');
      return Math.trunc(scale(num, factor));
    },
  },
];
