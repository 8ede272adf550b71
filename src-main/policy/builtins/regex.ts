/** Regular expressions with RE2 semantics (linear time) through re2js. */
import { RE2JS } from 're2js';
import { builtinError } from '../errors';
import { num, str, type Builtin } from './registry';

const CACHE_LIMIT = 256;
const cache = new Map<string, RE2JS>();

/** Compiled patterns are cached: policies reuse a handful of patterns across evaluations. */
export function compileRegex(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re) return re;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw builtinError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, re);
  return re;
}

function isValid(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}

/** All matches, each as [whole, ...groups]; `n` < 0 means no limit. */
function findAll(re: RE2JS, s: string, n: number): string[][] {
  const out: string[][] = [];
  const m = re.matcher(s);
  let pos = 0;
  while ((n < 0 || out.length < n) && pos <= s.length && m.find(pos)) {
    const groups: string[] = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? '');
    out.push(groups);
    const end = m.end();
    pos = end === m.start() ? end + 1 : end;
  }
  return out;
}

export const REGEX_BUILTINS: Builtin[] = [
  { name: 'regex.match', arity: 2, fn: (args) => compileRegex(str(args, 1)).test(str(args, 2)) },
  { name: 'regex.is_valid', arity: 1, fn: (args) => typeof args[0] === 'string' && isValid(args[0]) },
  {
    name: 'regex.split',
    arity: 2,
    fn: (args) => {
      const re = compileRegex(str(args, 1));
      const s = str(args, 2);
      const parts: string[] = [];
      const m = re.matcher(s);
      let last = 0;
      let pos = 0;
      while (pos <= s.length && m.find(pos)) {
        if (m.end() === 0 && m.start() === 0 && s.length > 0) { pos = 1; continue; }
        parts.push(s.slice(last, m.start()));
        last = m.end();
        pos = m.end() === m.start() ? m.end() + 1 : m.end();
      }
      parts.push(s.slice(last));
      return parts;
    },
  },
  {
    name: 'regex.find_n',
    arity: 3,
    fn: (args) => findAll(compileRegex(str(args, 1)), str(args, 2), num(args, 3)).map((g) => g[0]!),
  },
  {
    name: 'regex.find_all_string_submatch_n',
    arity: 3,
    fn: (args) => findAll(compileRegex(str(args, 1)), str(args, 2), num(args, 3)),
  },
  {
    name: 'regex.replace',
    arity: 3,
    fn: (args) => {
      const s = str(args, 1);
      const re = compileRegex(str(args, 2));
      const repl = str(args, 3);
      // Go's ReplaceAllString expands $1 / ${name}; re2js does the same in its default mode.
      return re.matcher(s).replaceAll(repl);
    },
  },
];
