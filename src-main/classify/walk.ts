/**
 * Turns a payload into scan units: the strings (and numbers, and object keys) a detector looks
 * at, each with its JSON path, its field name, the text just before it (context) and, for JSON
 * text, a map from offsets in the decoded string back to offsets in the raw text.
 */
import { normaliseKey } from './context';

export interface ScanUnit {
  value: string;
  /** Normalised name of the field holding the value ('' at the top level or in arrays of arrays). */
  key: string;
  /** Lowercased text preceding the value: enclosing keys and sibling values. */
  before: string;
  path: string;
  /** Offset in the raw text of decoded offset `i` (end-exclusive offsets map with i = length). */
  toRaw: (i: number) => number;
}

const BEFORE_WIDTH = 96;
const IDENT = /^[A-Za-z_$][\w$]*$/;

const memberPath = (parent: string, name: string): string =>
  IDENT.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
const itemPath = (parent: string, index: number): string => `${parent}[${index}]`;
/** Object keys are addressed JSONPath-plus style: the member's path followed by `~`. */
const keyPath = (member: string): string => `${member}~`;

const identity = (i: number): number => i;

/** Object keys are field names; only keys shaped like data (an address, a number) are worth a scan. */
const keyMayHoldData = (name: string): boolean => /[@\d]/.test(name) && name.length >= 6;

/** Units of a parsed JS value; offsets stay relative to each string value (toRaw is identity). */
export function unitsOfValue(payload: unknown): ScanUnit[] {
  const units: ScanUnit[] = [];
  let transcript = '';
  const remember = (s: string): void => {
    transcript = (transcript + ' ' + s.slice(-BEFORE_WIDTH)).slice(-BEFORE_WIDTH).toLowerCase();
  };
  const visit = (value: unknown, path: string, key: string, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      const s = String(value);
      units.push({ value: s, key, before: transcript, path, toRaw: identity });
      remember(s);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, itemPath(path, i), key, depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
        const member = memberPath(path, name);
        if (keyMayHoldData(name)) units.push({ value: name, key: '', before: transcript, path: keyPath(member), toRaw: identity });
        remember(name + ':');
        visit(child, member, normaliseKey(name), depth + 1);
      }
    }
  };
  visit(payload, '$', '', 0);
  return units;
}

interface Frame {
  array: boolean;
  index: number;
  path: string;
  key: string;
  /** In an object: the next string is a key. */
  expectKey: boolean;
  pendingName: string;
}

/**
 * Units of JSON text, with offsets mapped back into the raw text. Returns null when the text is
 * not a JSON object or array, so the caller scans it as plain text.
 */
export function unitsOfJsonText(text: string): ScanUnit[] | null {
  let i = 0;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  if (text[i] !== '{' && text[i] !== '[') return null;
  let lower: string | undefined;
  const beforeAt = (pos: number): string => {
    lower ??= text.toLowerCase();
    return lower.slice(Math.max(0, pos - BEFORE_WIDTH), pos);
  };
  const units: ScanUnit[] = [];
  const stack: Frame[] = [];
  const valuePath = (top: Frame): string => (top.array ? itemPath(top.path, top.index) : memberPath(top.path, top.pendingName));
  for (; i < text.length; i++) {
    const c = text[i] as string;
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      const path = top ? valuePath(top) : '$';
      const key = top ? (top.array ? top.key : normaliseKey(top.pendingName)) : '';
      stack.push({ array: c === '[', index: 0, path, key, expectKey: c === '{', pendingName: '' });
    } else if (c === '}' || c === ']') {
      if (!top || top.array !== (c === ']')) return null;
      stack.pop();
      if (stack.length === 0) return /^\s*$/.test(text.slice(i + 1)) ? units : null;
    } else if (c === ',') {
      if (!top) return null;
      if (top.array) top.index++;
      else top.expectKey = true;
    } else if (c === ':') {
      if (!top || top.array) return null;
    } else if (c === '"') {
      if (!top) return null;
      const str = readString(text, i);
      if (!str) return null;
      if (!top.array && top.expectKey) {
        top.pendingName = str.value;
        top.expectKey = false;
        if (keyMayHoldData(str.value)) units.push({ value: str.value, key: '', before: beforeAt(i), path: keyPath(memberPath(top.path, str.value)), toRaw: str.toRaw });
      } else {
        units.push({ value: str.value, key: top.array ? top.key : normaliseKey(top.pendingName), before: beforeAt(i), path: valuePath(top), toRaw: str.toRaw });
      }
      i = str.end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      if (!top) return null;
      let e = i + 1;
      while (e < text.length && /[0-9eE+.-]/.test(text[e] as string)) e++;
      const start = i;
      units.push({ value: text.slice(i, e), key: top.array ? top.key : normaliseKey(top.pendingName), before: beforeAt(i), path: valuePath(top), toRaw: (k) => start + k });
      i = e - 1;
    } else if (!/[\s\w]/.test(c)) {
      return null; // true/false/null letters pass; anything else is not JSON
    }
  }
  return null;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"' };

/** Decodes the JSON string opening at `open`; `end` is the index of its closing quote. */
function readString(text: string, open: number): { value: string; end: number; toRaw: (i: number) => number } | null {
  const close = findClosingQuote(text, open + 1);
  if (close < 0) return null;
  const raw = text.slice(open + 1, close);
  const base = open + 1;
  if (!raw.includes('\\')) return { value: raw, end: close, toRaw: (k) => base + k };
  let value = '';
  const map: number[] = [];
  for (let k = 0; k < raw.length; k++) {
    const ch = raw[k] as string;
    map.push(base + k);
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const next = raw[k + 1] ?? '';
    if (next === 'u') {
      value += String.fromCharCode(parseInt(raw.slice(k + 2, k + 6), 16) || 0);
      k += 5;
    } else {
      value += ESCAPES[next] ?? next;
      k += 1;
    }
  }
  map.push(close);
  return { value, end: close, toRaw: (k) => map[k] ?? close };
}

function findClosingQuote(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 34) return k;
  }
  return -1;
}
