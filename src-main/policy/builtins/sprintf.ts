/** sprintf with Go fmt verb semantics for Rego values. */
import { formatNumber, toRegoString, type Value } from '../value';
import { arr, str, type Builtin } from './registry';

interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  verb: string;
}

function pad(s: string, spec: Spec): string {
  if (spec.width === null || s.length >= spec.width) return s;
  const fill = spec.width - s.length;
  if (spec.flags.includes('-')) return s + ' '.repeat(fill);
  if (spec.flags.includes('0') && /[dfeEgGxXob]/.test(spec.verb)) {
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function withSign(s: string, n: number, spec: Spec): string {
  if (n >= 0 && spec.flags.includes('+')) return '+' + s;
  if (n >= 0 && spec.flags.includes(' ')) return ' ' + s;
  return s;
}

/** Go's %e: mantissa, then an exponent with sign and at least two digits. */
function goExp(n: number, precision: number, upper: boolean): string {
  const s = n.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

/** Go's %g with shortest representation (%v of a float64). */
function goG(n: number, precision: number | null): string {
  if (precision !== null) {
    const p = precision === 0 ? 1 : precision;
    const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
    if (exp < -4 || exp >= p) return goExp(n, p - 1, false).replace(/\.?0+e/, 'e');
    return String(Number(n.toPrecision(p)));
  }
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return formatNumber(n);
}

function typeLabel(v: Value): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (v === null) return '<nil>';
  return 'ast.Value';
}

/** Go's rendering of a verb applied to a value of the wrong type. */
function badVerb(spec: Spec, v: Value): string {
  return `%!${spec.verb}(${typeLabel(v)}=${toRegoString(v, false)})`;
}

function formatOne(spec: Spec, v: Value): string {
  switch (spec.verb) {
    case 'v':
      if (typeof v === 'number') return pad(Number.isInteger(v) ? formatNumber(v) : goG(v, null), spec);
      return pad(toRegoString(v, false), spec);
    case 's':
      if (typeof v === 'string') return pad(spec.precision !== null ? v.slice(0, spec.precision) : v, spec);
      return pad(toRegoString(v, false), spec);
    case 'q':
      if (typeof v === 'string') return pad(JSON.stringify(v), spec);
      return badVerb(spec, v);
    case 't':
      return typeof v === 'boolean' ? pad(String(v), spec) : badVerb(spec, v);
    case 'd':
      if (typeof v === 'number' && Number.isInteger(v)) return pad(withSign(formatNumber(v), v, spec), spec);
      return badVerb(spec, v);
    case 'b': case 'o': case 'x': case 'X': {
      if (typeof v === 'string' && (spec.verb === 'x' || spec.verb === 'X')) {
        const hex = Buffer.from(v, 'utf8').toString('hex');
        return pad(spec.verb === 'X' ? hex.toUpperCase() : hex, spec);
      }
      if (typeof v !== 'number') return badVerb(spec, v);
      if (!Number.isInteger(v)) return badVerb(spec, v);
      const radix = spec.verb === 'b' ? 2 : spec.verb === 'o' ? 8 : 16;
      const s = (v < 0 ? '-' : '') + Math.abs(v).toString(radix);
      return pad(spec.verb === 'X' ? s.toUpperCase() : s, spec);
    }
    case 'c':
      return typeof v === 'number' ? pad(String.fromCodePoint(v), spec) : badVerb(spec, v);
    case 'f': case 'F':
      if (typeof v !== 'number') return badVerb(spec, v);
      return pad(withSign(v.toFixed(spec.precision ?? 6), v, spec), spec);
    case 'e': case 'E':
      if (typeof v !== 'number') return badVerb(spec, v);
      return pad(withSign(goExp(v, spec.precision ?? 6, spec.verb === 'E'), v, spec), spec);
    case 'g': case 'G':
      if (typeof v !== 'number') return badVerb(spec, v);
      return pad(withSign(goG(v, spec.precision), v, spec), spec);
    case 'T':
      return pad(typeof v === 'string' ? 'string' : typeLabel(v), spec);
    default:
      return badVerb(spec, v);
  }
}

export function sprintf(format: string, args: readonly Value[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const verb = m[4]!;
    if (verb === '%') { out += '%'; continue; }
    const spec: Spec = {
      flags: m[1] ?? '',
      width: m[2] && m[2] !== '*' ? Number(m[2]) : null,
      precision: m[3] !== undefined ? Number(m[3]) : (m[0].includes('.') ? 0 : null),
      verb,
    };
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    out += formatOne(spec, args[argi++]!);
  }
  out += format.slice(last);
  if (argi < args.length) {
    const extra = args.slice(argi).map((v) => `${typeLabel(v)}=${toRegoString(v, false)}`).join(', ');
    out += `%!(EXTRA ${extra})`;
  }
  return out;
}

export const SPRINTF_BUILTINS: Builtin[] = [
  {
    name: 'sprintf',
    arity: 2,
    fn(args) {
      const format = str(args, 1);
      const values = arr(args, 2);
      return sprintf(format, values);
    },
  },
];
