/** Rego tokenizer. Tracks line breaks because a newline separates body expressions. */
import { RegoError } from './errors';

export type TokenKind = 'ident' | 'number' | 'string' | 'template' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Position in the token list. */
  idx: number;
  /** Identifier name, punctuation text, number source text, or decoded string. */
  text: string;
  row: number;
  col: number;
  /** Offset just past the token, to detect adjacency (`some.foo`). */
  end: number;
  start: number;
  /** A line break occurs between the previous token and this one. */
  nl: boolean;
  /** For templates: literal parts and source of the embedded expressions, alternating. */
  parts?: TemplatePart[];
}

export interface TemplatePart {
  literal: boolean;
  text: string;
  row: number;
  col: number;
}

const PUNCT2 = new Set([':=', '==', '!=', '<=', '>=']);
const PUNCT1 = new Set(['{', '}', '[', ']', '(', ')', '.', ',', ';', ':', '=', '<', '>', '+', '-', '*', '/', '%', '|', '&']);

export function tokenize(src: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  let nl = false;
  const fail = (msg: string, at = i): never => {
    throw new RegoError('rego_parse_error', msg, { file, row, col: at - lineStart + 1 });
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') { row++; i++; lineStart = i; nl = true; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const start = i;
    const col = i - lineStart + 1;
    const push = (kind: TokenKind, text: string, extra?: Partial<Token>): void => {
      tokens.push({ kind, idx: tokens.length, text, row, col, start, end: i, nl, ...extra });
      nl = false;
    };
    if (isIdentStart(c)) {
      while (i < src.length && isIdentPart(src[i]!)) i++;
      push('ident', src.slice(start, i));
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      while (i < src.length && isDigit(src[i]!)) i++;
      if (src[i] === '.' && isDigit(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && isDigit(src[i]!)) i++;
      }
      if (src[i] === 'e' || src[i] === 'E') {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (isDigit(src[j] ?? '')) {
          i = j;
          while (i < src.length && isDigit(src[i]!)) i++;
        }
      }
      push('number', src.slice(start, i));
      continue;
    }
    if (c === '"') {
      const { text, next } = readQuoted(src, i, fail);
      i = next;
      push('string', text);
      continue;
    }
    if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close < 0) fail('unterminated raw string');
      const text = src.slice(i + 1, close);
      for (const ch of text) if (ch === '\n') row++;
      const lastNl = text.lastIndexOf('\n');
      i = close + 1;
      push('string', text);
      if (lastNl >= 0) lineStart = start + 1 + lastNl + 1;
      continue;
    }
    if (c === '$' && (src[i + 1] === '"' || src[i + 1] === '`')) {
      const parts = readTemplate(src, i + 1, row, lineStart, fail);
      i = parts.next;
      push('template', '', { parts: parts.parts });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.has(two)) { i += 2; push('punct', two); continue; }
    if (PUNCT1.has(c)) { i++; push('punct', c); continue; }
    fail(`unexpected character ${JSON.stringify(c)}`);
  }
  tokens.push({ kind: 'eof', idx: tokens.length, text: '<eof>', row, col: i - lineStart + 1, start: i, end: i, nl: true });
  return tokens;
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function readQuoted(src: string, i: number, fail: (m: string, at?: number) => never): { text: string; next: number } {
  let out = '';
  let j = i + 1;
  while (true) {
    const ch = src[j];
    if (ch === undefined || ch === '\n') fail('unterminated string', i);
    if (ch === '"') return { text: out, next: j + 1 };
    if (ch === '\\') {
      const e = src[j + 1];
      j += 2;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = src.slice(j, j + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid unicode escape', j);
          out += String.fromCharCode(parseInt(hex, 16));
          j += 4;
          break;
        }
        default: fail(`invalid escape \\${e ?? ''}`, j - 2);
      }
      continue;
    }
    out += ch;
    j++;
  }
}

/** `$"a {x} b"`: literal text and expression sources, braces escaped as `\{`. */
function readTemplate(
  src: string, i: number, row: number, lineStart: number, fail: (m: string, at?: number) => never,
): { parts: TemplatePart[]; next: number } {
  const raw = src[i] === '`';
  const quote = src[i]!;
  const parts: TemplatePart[] = [];
  let lit = '';
  let j = i + 1;
  while (true) {
    const ch = src[j];
    if (ch === undefined || (!raw && ch === '\n')) fail('unterminated template string', i);
    if (ch === quote) {
      parts.push({ literal: true, text: lit, row, col: 0 });
      return { parts, next: j + 1 };
    }
    if (!raw && ch === '\\') {
      const e = src[j + 1];
      if (e === '{' || e === '}') { lit += e; j += 2; continue; }
      const { text } = readQuoted('"' + src.slice(j, j + 6) + '"', 0, fail);
      const len = e === 'u' ? 6 : 2;
      lit += text.slice(0, 1);
      j += len;
      continue;
    }
    if (ch === '{') {
      parts.push({ literal: true, text: lit, row, col: 0 });
      lit = '';
      let depth = 1;
      let k = j + 1;
      while (k < src.length && depth > 0) {
        const d = src[k]!;
        if (d === '"') { k = readQuoted(src, k, fail).next; continue; }
        if (d === '{') depth++;
        if (d === '}') depth--;
        k++;
      }
      if (depth !== 0) fail('unterminated template expression', j);
      parts.push({ literal: false, text: src.slice(j + 1, k - 1), row, col: j + 1 - lineStart + 1 });
      j = k;
      continue;
    }
    lit += ch;
    j++;
  }
}
