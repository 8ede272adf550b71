/** Recursive-descent parser for Rego v1 modules, queries and terms. */
import type { ElseClause, Expr, Import, Literal, Module, Rule, Term, With } from './ast';
import { RegoError, type Location } from './errors';
import { tokenize, type Token } from './lexer';

const KEYWORDS = new Set([
  'package', 'import', 'default', 'else', 'if', 'contains', 'in', 'some', 'every', 'not', 'with', 'as',
  'true', 'false', 'null',
]);

/** Nesting deeper than this is rejected instead of risking the JS stack. */
const MAX_DEPTH = 200;

const RELATION_OPS: Record<string, string> = {
  '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte',
};
const ARITH_OPS: Record<string, string> = { '+': 'plus', '-': 'minus' };
const FACTOR_OPS: Record<string, string> = { '*': 'mul', '/': 'div', '%': 'rem' };

class Parser {
  private pos = 0;
  private depth = 0;
  /** While parsing a comprehension head, `|` ends the head instead of meaning set union. */
  private pipeEndsTerm = false;

  constructor(
    private readonly toks: Token[],
    private readonly file: string,
  ) {}

  private get tok(): Token { return this.toks[this.pos]!; }
  private peek(n = 1): Token { return this.toks[Math.min(this.pos + n, this.toks.length - 1)]!; }
  private loc(t: Token = this.tok): Location { return { file: this.file, row: t.row, col: t.col }; }

  private fail(expected: string, t: Token = this.tok): never {
    const got = t.kind === 'eof' ? 'end of input' : t.kind === 'string' ? 'string' : `"${t.text}"`;
    throw new RegoError('rego_parse_error', `expected ${expected}, got ${got}`, this.loc(t));
  }

  private is(text: string, t: Token = this.tok): boolean {
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }

  private isKeyword(t: Token = this.tok): boolean {
    return t.kind === 'ident' && KEYWORDS.has(t.text) && !this.keywordUsedAsName(t);
  }

  /** `if.foo`, `some.foo(1)`: a keyword directly followed by `.name` is a plain name. */
  private keywordUsedAsName(t: Token): boolean {
    const i = t.idx;
    const dot = this.toks[i + 1];
    const after = this.toks[i + 2];
    // `contains(s, x)` is the builtin, not the keyword.
    if (t.text === 'contains' && dot?.text === '(' && dot.kind === 'punct' && dot.start === t.end) return true;
    return !!dot && !!after && dot.text === '.' && dot.kind === 'punct' && dot.start === t.end
      && after.kind === 'ident' && after.start === dot.end;
  }

  private expect(text: string): Token {
    if (!this.is(text)) this.fail(`"${text}"`);
    return this.toks[this.pos++]!;
  }

  private accept(text: string): boolean {
    if (this.is(text)) { this.pos++; return true; }
    return false;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      throw new RegoError('rego_parse_error', `nesting deeper than ${MAX_DEPTH} levels`, this.loc());
    }
  }

  atEnd(): boolean { return this.tok.kind === 'eof'; }

  parseModule(): Module {
    if (!this.is('package')) this.fail('package declaration');
    this.pos++;
    const pkgRef = this.parseRefTerm();
    const pkg = refToNames(pkgRef, 'package', this.file);
    const imports: Import[] = [];
    while (this.is('import') && !this.keywordUsedAsName(this.tok)) {
      const loc = this.loc();
      this.pos++;
      const path = this.parseRefTerm();
      let alias: string | null = null;
      if (this.accept('as')) {
        if (this.tok.kind !== 'ident') this.fail('alias name');
        alias = this.toks[this.pos++]!.text;
      }
      imports.push({ path, alias, loc });
    }
    const rules: Rule[] = [];
    while (!this.atEnd()) rules.push(...this.parseRule());
    return { file: this.file, pkg, imports, rules };
  }

  private parseRule(): Rule[] {
    const loc = this.loc();
    const isDefault = this.is('default') && !this.keywordUsedAsName(this.tok);
    if (isDefault) this.pos++;
    if (this.tok.kind !== 'ident' || this.isKeyword()) this.fail('rule head');
    const headRef = this.parseRefTerm(true);
    const ref = headRef.type === 'ref' ? [headRef.head, ...headRef.path] : [headRef];
    let args: Term[] | null = null;
    if (this.is('(') && !this.tok.nl) {
      this.pos++;
      args = this.parseTermList(')');
    }
    let key: Term | null = null;
    let value: Term | null = null;
    if (this.is('contains') && !this.keywordUsedAsName(this.tok)) {
      this.pos++;
      key = this.parseTermAt('or');
    } else if (this.is(':=') || this.is('=')) {
      this.pos++;
      value = this.parseTermAt('in');
    }
    const rule: Rule = { ref, args, key, value, isDefault, body: [], elses: [], loc };
    if (isDefault) {
      if (value === null) this.fail('":=" or "=" after default rule head');
      return [rule];
    }
    rule.body = this.parseRuleBody(true) ?? [];
    while (this.kw('else')) {
      const eloc = this.loc();
      this.pos++;
      let evalue: Term | null = null;
      if (this.is(':=') || this.is('=')) {
        this.pos++;
        evalue = this.parseTermAt('in');
      }
      const ebody = this.parseRuleBody(false) ?? [];
      const clause: ElseClause = { value: evalue, body: ebody, loc: eloc };
      rule.elses.push(clause);
    }
    return [rule];
  }

  /** `if { … }`, `if expr`, `{ … }` or nothing (a constant rule). */
  private parseRuleBody(allowBare: boolean): Literal[] | null {
    if (this.is('if') && !this.keywordUsedAsName(this.tok)) {
      this.pos++;
      if (this.is('{')) {
        // `if {x: 1 | …}` is a comprehension literal, not a body: retry as one expression.
        const save = this.pos;
        const depth = this.depth;
        try {
          return this.parseBlock();
        } catch (e) {
          this.pos = save;
          this.depth = depth;
          try {
            return [this.parseLiteral()];
          } catch {
            throw e;
          }
        }
      }
      return [this.parseLiteral()];
    }
    if (this.is('{') && !this.tok.nl && allowBare) return this.parseBlock();
    if (this.is('{') && !allowBare) return this.parseBlock();
    return null;
  }

  private parseBlock(): Literal[] {
    this.expect('{');
    this.enter();
    const body = this.parseQuery('}');
    this.expect('}');
    this.depth--;
    return body;
  }

  /** Literals separated by `;` or line breaks, up to (not including) `close`. */
  parseQuery(close: string | null): Literal[] {
    const out: Literal[] = [];
    while (true) {
      if (close !== null && this.is(close)) break;
      if (close === null && this.atEnd()) break;
      out.push(this.parseLiteral());
      if (this.accept(';')) continue;
      if (close !== null && this.is(close)) break;
      if (close === null && this.atEnd()) break;
      if (!this.tok.nl) this.fail(close ? `";", newline or "${close}"` : '";" or newline');
    }
    if (out.length === 0) this.fail('expression');
    return out;
  }

  private kw(text: string): boolean {
    return this.is(text) && this.tok.kind === 'ident' && !this.keywordUsedAsName(this.tok);
  }

  parseLiteral(): Literal {
    const loc = this.loc();
    if (this.kw('some')) {
      this.pos++;
      const first = this.parseTermAt('relation');
      const terms = [first];
      while (this.accept(',')) terms.push(this.parseTermAt('relation'));
      if (this.kw('in')) {
        this.pos++;
        if (terms.length > 2) this.fail('at most two terms before "in"');
        const collection = this.parseTermAt('relation');
        const expr: Expr = terms.length === 2
          ? { kind: 'somein', key: terms[0]!, value: terms[1]!, collection }
          : { kind: 'somein', key: null, value: terms[0]!, collection };
        return { expr, negated: false, withs: this.parseWiths(), loc };
      }
      for (const t of terms) if (t.type !== 'var') this.fail('variable name after "some"');
      return { expr: { kind: 'some', vars: terms }, negated: false, withs: [], loc };
    }
    if (this.kw('every')) {
      this.pos++;
      const first = this.parseTermAt('relation');
      let key: Term | null = null;
      let value = first;
      if (this.accept(',')) { key = first; value = this.parseTermAt('relation'); }
      if (!this.kw('in')) this.fail('"in" after every variables');
      this.pos++;
      const collection = this.parseTermAt('relation');
      const body = this.parseBlock();
      return { expr: { kind: 'every', key, value, collection, body }, negated: false, withs: this.parseWiths(), loc };
    }
    let negated = false;
    if (this.kw('not')) { this.pos++; negated = true; }
    const expr = this.parseExpr();
    return { expr, negated, withs: this.parseWiths(), loc };
  }

  private parseWiths(): With[] {
    const withs: With[] = [];
    while (this.kw('with')) {
      const loc = this.loc();
      this.pos++;
      const target = this.parseRefTerm();
      if (!this.kw('as')) this.fail('"as"');
      this.pos++;
      const value = this.parseTermAt('or');
      withs.push({ target, value, loc });
    }
    return withs;
  }

  private parseExpr(): Expr {
    const left = this.parseTermAt('in', true);
    if (this.is(':=') && !this.tok.nl) {
      this.pos++;
      return { kind: 'assign', left, right: this.parseTermAt('in') };
    }
    if (this.is('=') && !this.tok.nl) {
      this.pos++;
      return { kind: 'unify', left, right: this.parseTermAt('in') };
    }
    return { kind: 'term', term: left };
  }

  /** Precedence climbing: in < relation < or (|) < and (&) < arith (+ -) < factor (* / %). */
  parseTermAt(level: 'in' | 'relation' | 'or' | 'and' | 'arith' | 'factor', allowPair = false): Term {
    switch (level) {
      case 'in': {
        let left = this.parseTermAt('relation');
        if (allowPair && this.is(',') && !this.tok.nl) {
          const save = this.pos;
          this.pos++;
          const value = this.parseTermAt('relation');
          if (this.kw('in')) {
            const loc = this.loc();
            this.pos++;
            const coll = this.parseTermAt('relation');
            left = { type: 'call', fn: nameRef('internal.member_3', loc), args: [left, value, coll], loc: left.loc };
          } else {
            this.pos = save;
          }
        }
        while (this.kw('in') && !this.tok.nl) {
          this.pos++;
          const right = this.parseTermAt('relation');
          left = { type: 'call', fn: nameRef('internal.member_2', left.loc), args: [left, right], loc: left.loc };
        }
        return left;
      }
      case 'relation': {
        let left = this.parseTermAt('or');
        while (this.tok.kind === 'punct' && RELATION_OPS[this.tok.text] && !this.tok.nl) {
          const op = RELATION_OPS[this.toks[this.pos++]!.text]!;
          const right = this.parseTermAt('or');
          left = { type: 'call', fn: nameRef(op, left.loc), args: [left, right], loc: left.loc };
        }
        return left;
      }
      case 'or': return this.binary('and', this.pipeEndsTerm ? {} : { '|': 'or' });
      case 'and': return this.binary('arith', { '&': 'and' });
      case 'arith': return this.binary('factor', ARITH_OPS);
      case 'factor': {
        let left = this.parseUnary();
        while (this.tok.kind === 'punct' && FACTOR_OPS[this.tok.text] && !this.tok.nl) {
          const op = FACTOR_OPS[this.toks[this.pos++]!.text]!;
          const right = this.parseUnary();
          left = { type: 'call', fn: nameRef(op, left.loc), args: [left, right], loc: left.loc };
        }
        return left;
      }
    }
  }

  private binary(next: 'and' | 'arith' | 'factor', ops: Record<string, string>): Term {
    let left = this.parseTermAt(next);
    while (this.tok.kind === 'punct' && ops[this.tok.text] && !this.tok.nl) {
      const op = ops[this.toks[this.pos++]!.text]!;
      const right = this.parseTermAt(next);
      left = { type: 'call', fn: nameRef(op, left.loc), args: [left, right], loc: left.loc };
    }
    return left;
  }

  private parseUnary(): Term {
    if (this.is('-') && this.tok.kind === 'punct') {
      const t = this.tok;
      const next = this.peek();
      if (next.kind === 'number' && next.start === t.end) {
        this.pos += 2;
        return this.parsePostfix({ type: 'scalar', value: -Number(next.text), loc: this.loc(t) });
      }
      this.pos++;
      const operand = this.parseUnary();
      return { type: 'call', fn: nameRef('minus', this.loc(t)), args: [{ type: 'scalar', value: 0, loc: this.loc(t) }, operand], loc: this.loc(t) };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  /** `.name`, `[term]` and `(args)` after a term, on the same line. */
  private parsePostfix(base: Term, headOnly = false): Term {
    let term = base;
    while (true) {
      const t = this.tok;
      if (t.kind === 'punct' && t.text === '.' && !t.nl) {
        const name = this.peek();
        if (name.kind !== 'ident') this.fail('name after "."', name);
        this.pos += 2;
        term = appendRef(term, { type: 'scalar', value: name.text, loc: this.loc(name) });
        continue;
      }
      if (t.kind === 'punct' && t.text === '[' && !t.nl) {
        this.pos++;
        this.enter();
        const key = this.nested(false, () => this.parseTermAt('in'));
        this.depth--;
        this.expect(']');
        term = appendRef(term, key);
        continue;
      }
      if (!headOnly && t.kind === 'punct' && t.text === '(' && !t.nl && isCallable(term)) {
        this.pos++;
        const args = this.parseTermList(')');
        term = { type: 'call', fn: term, args, loc: term.loc };
        continue;
      }
      return term;
    }
  }

  /** A ref (package path, import path, `with` target, rule head). */
  parseRefTerm(headOnly = false): Term {
    const t = this.tok;
    if (t.kind !== 'ident') this.fail('reference');
    this.pos++;
    return this.parsePostfix({ type: 'var', name: t.text, loc: this.loc(t) }, headOnly);
  }

  /** Parses `parse()` with `|` meaning union again (inside brackets or parentheses). */
  private nested<T>(pipeEnds: boolean, parse: () => T): T {
    const saved = this.pipeEndsTerm;
    this.pipeEndsTerm = pipeEnds;
    try {
      return parse();
    } finally {
      this.pipeEndsTerm = saved;
    }
  }

  private parseTermList(close: string): Term[] {
    const items: Term[] = [];
    this.enter();
    while (!this.is(close)) {
      items.push(this.nested(false, () => this.parseTermAt('in')));
      if (!this.accept(',')) break;
    }
    this.depth--;
    this.expect(close);
    return items;
  }

  private parsePrimary(): Term {
    const t = this.tok;
    const loc = this.loc(t);
    switch (t.kind) {
      case 'number':
        this.pos++;
        return { type: 'scalar', value: Number(t.text), loc };
      case 'string':
        this.pos++;
        return { type: 'scalar', value: t.text, loc };
      case 'template':
        this.pos++;
        return this.templateTerm(t, loc);
      case 'ident': {
        if (this.keywordUsedAsName(t)) {
          this.pos++;
          return { type: 'var', name: t.text, loc };
        }
        if (t.text === 'true' || t.text === 'false') { this.pos++; return { type: 'scalar', value: t.text === 'true', loc }; }
        if (t.text === 'null') { this.pos++; return { type: 'scalar', value: null, loc }; }
        if (t.text === 'set' && this.is('(', this.peek()) && this.is(')', this.peek(2))) {
          this.pos += 3;
          return { type: 'set', items: [], loc };
        }
        if (KEYWORDS.has(t.text)) this.fail('term');
        this.pos++;
        return { type: 'var', name: t.text, loc };
      }
      case 'punct':
        if (t.text === '(') {
          this.pos++;
          this.enter();
          const inner = this.nested(false, () => this.parseTermAt('in', true));
          this.depth--;
          this.expect(')');
          return inner;
        }
        if (t.text === '[') return this.parseArray();
        if (t.text === '{') return this.parseBrace();
        return this.fail('term');
      default:
        return this.fail('term');
    }
  }

  private templateTerm(t: Token, loc: Location): Term {
    const parts: (string | Term)[] = [];
    for (const p of t.parts ?? []) {
      if (p.literal) { if (p.text) parts.push(p.text); continue; }
      const sub = new Parser(tokenize(p.text, this.file).map((x) => ({ ...x, row: x.row + p.row - 1 })), this.file);
      const term = sub.parseTermAt('in');
      if (!sub.atEnd()) sub.fail('"}" in template string');
      parts.push(term);
    }
    return { type: 'template', parts, loc };
  }

  private parseArray(): Term {
    return this.nested(false, () => this.parseArrayInner());
  }

  private parseArrayInner(): Term {
    const loc = this.loc();
    this.expect('[');
    this.enter();
    if (this.accept(']')) { this.depth--; return { type: 'array', items: [], loc }; }
    const first = this.nested(true, () => this.parseTermAt('in'));
    if (this.is('|')) {
      this.pos++;
      const body = this.nested(false, () => this.parseQuery(']'));
      this.expect(']');
      this.depth--;
      return { type: 'arraycomp', head: first, body, loc };
    }
    const items = [first];
    while (this.accept(',')) {
      if (this.is(']')) break;
      items.push(this.nested(false, () => this.parseTermAt('in')));
    }
    this.expect(']');
    this.depth--;
    return { type: 'array', items, loc };
  }

  private parseBrace(): Term {
    return this.nested(false, () => this.parseBraceInner());
  }

  private parseBraceInner(): Term {
    const loc = this.loc();
    this.expect('{');
    this.enter();
    if (this.accept('}')) { this.depth--; return { type: 'object', entries: [], loc }; }
    const first = this.nested(true, () => this.parseTermAt('in'));
    if (this.accept(':')) {
      const value = this.nested(true, () => this.parseTermAt('in'));
      if (this.is('|')) {
        this.pos++;
        const body = this.nested(false, () => this.parseQuery('}'));
        this.expect('}');
        this.depth--;
        return { type: 'objectcomp', key: first, value, body, loc };
      }
      const entries: [Term, Term][] = [[first, value]];
      while (this.accept(',')) {
        if (this.is('}')) break;
        const k = this.parseTermAt('in');
        this.expect(':');
        entries.push([k, this.parseTermAt('in')]);
      }
      this.expect('}');
      this.depth--;
      return { type: 'object', entries, loc };
    }
    if (this.is('|')) {
      this.pos++;
      const body = this.nested(false, () => this.parseQuery('}'));
      this.expect('}');
      this.depth--;
      return { type: 'setcomp', head: first, body, loc };
    }
    const items = [first];
    while (this.accept(',')) {
      if (this.is('}')) break;
      items.push(this.parseTermAt('in'));
    }
    this.expect('}');
    this.depth--;
    return { type: 'set', items, loc };
  }
}

function nameRef(dotted: string, loc: Location): Term {
  const [head, ...rest] = dotted.split('.');
  const v: Term = { type: 'var', name: head!, loc };
  if (rest.length === 0) return v;
  return { type: 'ref', head: v, path: rest.map((s) => ({ type: 'scalar', value: s, loc })), loc };
}

function appendRef(base: Term, key: Term): Term {
  if (base.type === 'ref') return { ...base, path: [...base.path, key] };
  return { type: 'ref', head: base, path: [key], loc: base.loc };
}

function isCallable(t: Term): boolean {
  if (t.type === 'var') return true;
  return t.type === 'ref' && t.head.type === 'var' && t.path.every((p) => p.type === 'scalar' && typeof p.value === 'string');
}

function refToNames(t: Term, what: string, file: string): string[] {
  if (t.type === 'var') return [t.name];
  if (t.type === 'ref' && t.head.type === 'var') {
    const names = [t.head.name];
    for (const p of t.path) {
      if (p.type !== 'scalar' || typeof p.value !== 'string') {
        throw new RegoError('rego_parse_error', `${what} path must contain only names`, p.loc);
      }
      names.push(p.value);
    }
    return names;
  }
  throw new RegoError('rego_parse_error', `invalid ${what} path`, { file, row: t.loc.row, col: t.loc.col });
}

export function parseModule(src: string, file: string): Module {
  return new Parser(tokenize(src, file), file).parseModule();
}

export function parseQuery(src: string, file = 'query'): Literal[] {
  const p = new Parser(tokenize(src, file), file);
  return p.parseQuery(null);
}

export function parseTerm(src: string, file = 'term'): Term {
  const p = new Parser(tokenize(src, file), file);
  const t = p.parseTermAt('in');
  if (!p.atEnd()) throw new RegoError('rego_parse_error', 'expected end of term', { file, row: 1, col: 1 });
  return t;
}

/** Names of a ref made only of a var head and string keys (`data.a.b` → ['data','a','b']). */
export function refNames(t: Term): string[] | null {
  if (t.type === 'var') return [t.name];
  if (t.type !== 'ref' || t.head.type !== 'var') return null;
  const out = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return null;
    out.push(p.value);
  }
  return out;
}
