/** Rego abstract syntax tree. Binary operators are parsed into calls of their builtin names. */
import type { Location } from './errors';

export type Term =
  | { type: 'scalar'; value: null | boolean | number | string; loc: Location }
  | { type: 'var'; name: string; loc: Location }
  | { type: 'ref'; head: Term; path: Term[]; loc: Location }
  | { type: 'array'; items: Term[]; loc: Location }
  | { type: 'set'; items: Term[]; loc: Location }
  | { type: 'object'; entries: [Term, Term][]; loc: Location }
  | { type: 'arraycomp'; head: Term; body: Literal[]; loc: Location }
  | { type: 'setcomp'; head: Term; body: Literal[]; loc: Location }
  | { type: 'objectcomp'; key: Term; value: Term; body: Literal[]; loc: Location }
  /** `fn` is the callee as a ref of names (`count`, `data.lib.f`, `some.foo`). */
  | { type: 'call'; fn: Term; args: Term[]; loc: Location }
  | { type: 'template'; parts: (string | Term)[]; loc: Location };

export type Expr =
  | { kind: 'term'; term: Term }
  | { kind: 'unify'; left: Term; right: Term }
  | { kind: 'assign'; left: Term; right: Term }
  | { kind: 'some'; vars: Term[] }
  | { kind: 'somein'; key: Term | null; value: Term; collection: Term }
  | { kind: 'every'; key: Term | null; value: Term; collection: Term; body: Literal[] };

export interface With {
  target: Term;
  value: Term;
  loc: Location;
}

export interface Literal {
  expr: Expr;
  negated: boolean;
  withs: With[];
  loc: Location;
}

export interface ElseClause {
  value: Term | null;
  body: Literal[];
  loc: Location;
}

export interface Rule {
  /** Head ref: first element is the rule name (a var), then path terms. */
  ref: Term[];
  args: Term[] | null;
  /** Element of a `contains` rule. */
  key: Term | null;
  value: Term | null;
  isDefault: boolean;
  body: Literal[];
  elses: ElseClause[];
  loc: Location;
}

export interface Import {
  path: Term;
  alias: string | null;
  loc: Location;
}

export interface Module {
  file: string;
  pkg: string[];
  imports: Import[];
  rules: Rule[];
}
