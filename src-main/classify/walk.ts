/**
 * Turns a payload into scan units: the strings (and numbers, and object keys) a detector looks
 * at, each with its JSON path, its field name, the text just before it (context) and, for JSON
 * text, a map from offsets in the decoded string back to offsets in the raw text.
 */
import { isSpace, normaliseKey } from './context';
import { isAscii } from './grams';
import { identifierKey, identifierKeyOf, TYPE_FIELDS, VALUE_FIELDS } from './identifiers';

export interface ScanUnit {
  value: string;
  /** Normalised name of the field holding the value ('' at the top level or in arrays of arrays). */
  key: string;
  /** Lowercased text preceding the value: enclosing keys and sibling values. */
  before: string;
  path: string;
  /**
   * Offset of decoded offset `i` (end-exclusive offsets map with i = length): in the raw text for
   * JSON text, in the string at `path` for a parsed value (identity, unless the string is JSON).
   */
  toRaw: (i: number) => number;
}

/**
 * Tool results often carry JSON serialised into a string (`"content": "{\"body\": …}"`). Such a
 * string is scanned as the values it holds, each with its own field name, so its escapes do not
 * glue words together ("\nNote to the AI") and its field names count as context. Two levels deep
 * at most: each level re-reads the string once.
 */
const MAX_NESTING = 2;
/** Opens with `{` or `[` and closes with `}` or `]`, whitespace aside: checked on every string, so by char code. */
function looksLikeJson(s: string): boolean {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const open = s.charCodeAt(i);
  if (open !== 123 && open !== 91) return false;
  let j = s.length - 1;
  while (j > i && isSpace(s.charCodeAt(j))) j--;
  const close = s.charCodeAt(j);
  return close === 125 || close === 93;
}

/**
 * The units of a string that holds JSON text, as units of the string itself (or, given the
 * string's own offset map, of the text it was read from); null when it does not.
 */
function nestedUnits(value: string, path: string, key: string, nesting: number, outerToRaw?: (k: number) => number): ScanUnit[] | null {
  if (nesting >= MAX_NESTING || !looksLikeJson(value)) return null;
  const inner = unitsOfJsonText(value, nesting + 1);
  if (!inner || inner.length === 0) return null;
  return inner.map((u) => ({ ...u, key: u.key || key, path, toRaw: outerToRaw ? composed(outerToRaw, u.toRaw) : u.toRaw }));
}

const BEFORE_WIDTH = 96;
const IDENT = /^[A-Za-z_$][\w$]*$/;

const memberPath = (parent: string, name: string): string =>
  IDENT.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
const itemPath = (parent: string, index: number): string => `${parent}[${index}]`;
/** Object keys are addressed JSONPath-plus style: the member's path followed by `~`. */
const keyPath = (member: string): string => `${member}~`;

const identity = (i: number): number => i;

/**
 * Offset maps are made per string: by these factories, whose arrows are anonymous (a named
 * closure costs a name assignment each time it is made).
 */
function offsetBy(base: number): (k: number) => number {
  return (k) => base + k;
}
function composed(outer: (k: number) => number, inner: (k: number) => number): (k: number) => number {
  return (k) => outer(inner(k));
}

/** Object keys are field names; only keys shaped like data (an address, a number) are worth a scan. */
const keyMayHoldData = (name: string): boolean => name.length >= 6 && /[@\d]/.test(name);

/** Units of a parsed JS value; offsets stay relative to each string value (toRaw is identity). */
export function unitsOfValue(payload: unknown): ScanUnit[] {
  const units: ScanUnit[] = [];
  let transcript = '';
  // The transcript is lowercase already: when the new text is ASCII, lowercasing it alone gives
  // the same transcript (ASCII lowercasing is character by character) without relowercasing it all.
  const remember = (s: string): void => {
    const tail = s.slice(-BEFORE_WIDTH);
    transcript = isAscii(tail)
      ? (transcript + ' ' + tail.toLowerCase()).slice(-BEFORE_WIDTH)
      : (transcript + ' ' + tail).slice(-BEFORE_WIDTH).toLowerCase();
  };
  const visit = (value: unknown, path: string, key: string, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      const s = String(value);
      const nested = typeof value === 'string' ? nestedUnits(s, path, key, 0) : null;
      if (nested) units.push(...nested);
      else units.push({ value: s, key, before: transcript, path, toRaw: identity });
      remember(s);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], itemPath(path, i), key, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      const names = Object.keys(value);
      const idKey = identifierKeyOf(value as Record<string, unknown>, names);
      for (const name of names) {
        const child = (value as Record<string, unknown>)[name];
        const member = memberPath(path, name);
        if (keyMayHoldData(name)) units.push({ value: name, key: '', before: transcript, path: keyPath(member), toRaw: identity });
        remember(name + ':');
        const field = normaliseKey(name);
        visit(child, member, VALUE_FIELDS.has(field) && idKey ? idKey : field, depth + 1);
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
  /** The member name this frame was entered by ('' for an array item or the root). */
  name: string;
  /** A typed identifier or coding (identifiers.ts): the field name its `value` or `code` members are scanned under. */
  idKey?: string;
  valueUnits?: ScanUnit[];
}

/**
 * A typed identifier's typing fields sit in the object itself (`system`, `type`) or inside its
 * `type` member (`type.text`, `type.coding[].code`): the frame they type, if any.
 */
function typedFrame(stack: Frame[], field: string): Frame | undefined {
  const top = stack[stack.length - 1];
  if (field === 'system' || field === 'type') return top;
  if (!TYPE_FIELDS.has(field)) return undefined;
  for (let k = stack.length - 1; k > 0 && k >= stack.length - 3; k--) if ((stack[k] as Frame).name === 'type') return stack[k - 1];
  return undefined;
}

/** Notes what a string or number read in `top` under `field` (normalised) says about a typed identifier. */
function noteIdentifier(stack: Frame[], top: Frame, field: string, value: string, unit: ScanUnit | undefined): void {
  if (top.array) return;
  if (VALUE_FIELDS.has(field) && unit) (top.valueUnits ??= []).push(unit);
  const frame = typedFrame(stack, field);
  if (frame && !frame.idKey) frame.idKey = identifierKey(field, value);
}

/**
 * Units of JSON text, with offsets mapped back into the raw text. Returns null when the text is
 * not a JSON object or array, so the caller scans it as plain text. `nesting`: how many JSON
 * strings this text is already inside.
 */
export function unitsOfJsonText(text: string, nesting = 0): ScanUnit[] | null {
  let i = 0;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  if (text[i] !== '{' && text[i] !== '[') return null;
  // Lowercasing a window gives the same text as windowing the lowercased whole, except around
  // U+0130 (lowercases to two characters, shifting offsets) and U+03A3 (final-sigma rule looks
  // at neighbours): only then is the whole text lowercased.
  let lower: string | undefined;
  const windowed = !/[\u0130\u03a3]/.test(text);
  // Many short values: once the windows add up to the text's length, lowercase it whole instead.
  let windowBudget = text.length;
  const beforeAt = (pos: number): string => {
    const from = Math.max(0, pos - BEFORE_WIDTH);
    // A window opening on the second half of a surrogate pair would lowercase it alone.
    const c = text.charCodeAt(from);
    if (windowed && windowBudget >= pos - from && !(c >= 0xdc00 && c <= 0xdfff)) {
      windowBudget -= pos - from;
      return text.slice(from, pos).toLowerCase();
    }
    lower ??= text.toLowerCase();
    return lower.slice(from, pos);
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
      const name = top && !top.array ? key : '';
      stack.push({ array: c === '[', index: 0, path, key, expectKey: c === '{', pendingName: '', name });
    } else if (c === '}' || c === ']') {
      if (!top || top.array !== (c === ']')) return null;
      // The identifier's type may come after its value: its value units are renamed once it closes.
      if (top.idKey && top.valueUnits) for (const u of top.valueUnits) u.key = top.idKey;
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
        const key = top.array ? top.key : normaliseKey(top.pendingName);
        const path = valuePath(top);
        const nested = nestedUnits(str.value, path, key, nesting, str.toRaw);
        let unit: ScanUnit | undefined;
        if (nested) units.push(...nested);
        else units.push((unit = { value: str.value, key, before: beforeAt(i), path, toRaw: str.toRaw }));
        noteIdentifier(stack, top, key, str.value, unit);
      }
      i = str.end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      if (!top) return null;
      let e = i + 1;
      while (e < text.length && /[0-9eE+.-]/.test(text[e] as string)) e++;
      const unit: ScanUnit = { value: text.slice(i, e), key: top.array ? top.key : normaliseKey(top.pendingName), before: beforeAt(i), path: valuePath(top), toRaw: offsetBy(i) };
      units.push(unit);
      noteIdentifier(stack, top, unit.key, unit.value, unit);
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
  if (!raw.includes('\\')) return { value: raw, end: close, toRaw: offsetBy(base) };
  const value = decodeEscaped(raw);
  return { value, end: close, toRaw: escapedOffsets(raw, value.length, base, close) };
}

/**
 * The offset map of an escaped string body: decoded offset k maps to base + k plus the extra raw
 * characters of the escapes before it. Only findings need the map, so the escapes are listed on
 * the first lookup.
 */
function escapedOffsets(raw: string, length: number, base: number, close: number): (k: number) => number {
  let escapes: { decoded: Int32Array; extra: Int32Array } | undefined;
  return (k) => {
    if (k < 0 || k >= length) return close;
    escapes ??= escapeTable(raw);
    const { decoded, extra } = escapes;
    let lo = 0;
    let hi = decoded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((decoded[mid] as number) < k) lo = mid + 1;
      else hi = mid;
    }
    return base + k + (lo > 0 ? (extra[lo - 1] as number) : 0);
  };
}

/**
 * The escapes of a JSON string body: the decoded offset of each, and the raw characters beyond
 * one that the escapes so far take (`\n` one more, `\u00e9` five more, fewer when cut short).
 */
function escapeTable(raw: string): { decoded: Int32Array; extra: Int32Array } {
  const decodedAt: number[] = [];
  const extraTo: number[] = [];
  let extra = 0;
  for (let k = raw.indexOf('\\'); k >= 0; ) {
    decodedAt.push(k - extra);
    const width = Math.min(raw[k + 1] === 'u' ? 6 : 2, raw.length - k);
    extra += width - 1;
    extraTo.push(extra);
    k = raw.indexOf('\\', k + width);
  }
  return { decoded: Int32Array.from(decodedAt), extra: Int32Array.from(extraTo) };
}

/**
 * The value of a JSON string's body. Valid bodies are decoded natively; a body JSON.parse rejects
 * (raw control characters, unknown or short escapes) is decoded leniently: `\x` stands for `x`
 * and `\u` takes the next four characters as hex (0 when they are not).
 */
function decodeEscaped(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    // lenient decoding below
  }
  const parts: string[] = [];
  for (let k = 0; k < raw.length; ) {
    const slash = raw.indexOf('\\', k);
    const stop = slash < 0 ? raw.length : slash;
    if (stop > k) parts.push(raw.slice(k, stop));
    if (slash < 0) break;
    const next = raw[slash + 1] ?? '';
    if (next === 'u') {
      parts.push(String.fromCharCode(parseInt(raw.slice(slash + 2, slash + 6), 16) || 0));
      k = slash + 6;
    } else {
      parts.push(ESCAPES[next] ?? next);
      k = slash + 2;
    }
  }
  return parts.join('');
}

/** The first `"` at or after `from` not escaped by an odd run of backslashes; -1 if none. */
function findClosingQuote(text: string, from: number): number {
  for (let q = text.indexOf('"', from); q >= 0; q = text.indexOf('"', q + 1)) {
    let slashes = 0;
    while (q - slashes - 1 >= from && text.charCodeAt(q - slashes - 1) === 92) slashes++;
    if (slashes % 2 === 0) return q;
  }
  return -1;
}
