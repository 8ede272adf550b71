/**
 * glob.match with gobwas/glob syntax, translated to an RE2 pattern so matching is linear:
 * `*` stays within delimiters, `**` crosses them, `?`, `[a-z]`, `[!a]`, `{a,b}`, `\` escapes.
 */
import { RE2JS } from 're2js';
import { builtinError, typeError } from '../errors';
import { isArray, typeName } from '../value';
import { str, type Builtin } from './registry';

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 256;

function escapeClassChar(c: string): string {
  return /[\\\][^-]/.test(c) ? '\\' + c : c;
}

export function globToRegex(pattern: string, delimiters: string[]): string {
  const chars = [...pattern];
  const notDelim = delimiters.length === 0 ? '[\\s\\S]' : `[^${delimiters.map(escapeClassChar).join('')}]`;
  let i = 0;
  const parse = (inAlt: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i]!;
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '*':
          if (chars[i] === '*') {
            while (chars[i] === '*') i++;
            out += '[\\s\\S]*';
          } else {
            out += notDelim + '*';
          }
          break;
        case '?':
          out += notDelim;
          break;
        case '[': {
          let cls = '';
          let negate = false;
          if (chars[i] === '!') { negate = true; i++; }
          let closed = false;
          while (i < chars.length) {
            const d = chars[i++]!;
            if (d === ']') { closed = true; break; }
            if (d === '\\' && i < chars.length) { cls += escapeClassChar(chars[i++]!); continue; }
            if (d === '-' && cls !== '' && chars[i] !== ']') { cls += '-'; continue; }
            cls += escapeClassChar(d);
          }
          if (!closed || cls === '') throw builtinError(`unexpected end of input`);
          out += negate ? `[^${cls}]` : `[${cls}]`;
          break;
        }
        case '{': {
          const alts: string[] = [];
          while (true) {
            alts.push(parse(true));
            const d = chars[i++];
            if (d === '}') break;
            if (d !== ',') throw builtinError('unexpected end of input');
          }
          out += `(?:${alts.join('|')})`;
          break;
        }
        case '\\':
          if (i >= chars.length) throw builtinError('unexpected end of input');
          out += RE2JS.quote(chars[i++]!);
          break;
        default:
          out += RE2JS.quote(c);
      }
    }
    if (inAlt) throw builtinError('unexpected end of input');
    return out;
  };
  return '^' + parse(false) + '$';
}

function delimitersOf(v: unknown): string[] {
  if (v === null) return [];
  if (!isArray(v as never)) throw typeError(`operand 2 must be one of {array, null} but got ${typeName(v as never)}`);
  const list = (v as unknown[]).map((d) => {
    if (typeof d !== 'string') throw typeError(`operand 2 must be array of strings but got array containing ${typeName(d as never)}`);
    return d;
  });
  return list.length === 0 ? ['.'] : list.flatMap((d) => [...d]);
}

export const GLOB_BUILTINS: Builtin[] = [
  {
    name: 'glob.match',
    arity: 3,
    fn(args) {
      const pattern = str(args, 1);
      const delims = delimitersOf(args[1]);
      const subject = str(args, 3);
      const key = pattern + '\u0000' + delims.join('');
      let re = cache.get(key);
      if (!re) {
        re = RE2JS.compile(globToRegex(pattern, delims));
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
        cache.set(key, re);
      }
      return re.test(subject);
    },
  },
  {
    name: 'glob.quote_meta',
    arity: 1,
    fn: (args) => str(args, 1).replace(/[*?\\[\]{}]/g, (c) => '\\' + c),
  },
];
