/** Semantic Versioning 2.0.0: validity and precedence. */
import { builtinError } from '../errors';
import { str, type Builtin } from './registry';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

interface Version { core: [number, number, number]; pre: string[] }

function parse(s: string, pos: number): Version {
  const m = SEMVER.exec(s);
  if (!m) throw builtinError(`operand ${pos}: string ${JSON.stringify(s)} is not a valid SemVer`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

function compareIdent(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Math.sign(Number(a) - Number(b));
  if (na) return -1;
  if (nb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! < b.core[i]! ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = compareIdent(a.pre[i]!, b.pre[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

export const SEMVER_BUILTINS: Builtin[] = [
  { name: 'semver.is_valid', arity: 1, fn: (args) => typeof args[0] === 'string' && SEMVER.test(args[0]) },
  { name: 'semver.compare', arity: 2, fn: (args) => compareVersions(parse(str(args, 1), 1), parse(str(args, 2), 2)) },
];
