/**
 * RFC 8785 (JCS) serialisation for the append hot path. The `canonicalize` package is the
 * reference (exports are re-verified with it, and property tests check this function against
 * it byte for byte); it costs ~12 µs on a 650-byte decision body, more than half the bare INSERT
 * this path is measured against, because it builds strings through reduce and template
 * literals. Same rules: keys sorted by UTF-16 code units, ECMAScript number and string
 * serialisation, toJSON honoured, undefined and symbol members skipped (null in arrays).
 *
 * Where a subtree is canonical as it stands (its keys already in order, nothing JSON.stringify
 * would treat differently), it is handed to JSON.stringify, which is native: on decision bodies
 * about a third faster than building the string here, with a fraction of the garbage.
 */
export function jcs(value: unknown): string {
  return serialise(value, 0);
}

/**
 * Below this depth a subtree is first checked for being canonical; deeper ones are serialised
 * by hand straight away, so the checks pass over any node at most this many times.
 */
const CHECK_DEPTH = 8;

function serialise(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${value} is not allowed in JSON`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : serialiseObject(value as Record<string, unknown>, depth);
    default:
      throw new TypeError(`a ${typeof value} cannot be serialised as JSON`);
  }
}

function serialiseObject(value: Record<string, unknown>, depth: number): string {
  if (typeof value.toJSON === 'function') return serialise((value.toJSON as () => unknown)(), depth);
  if (Array.isArray(value)) {
    if (depth < CHECK_DEPTH && itemsCanonical(value, depth)) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined || typeof item === 'symbol' ? 'null' : serialise(item, depth + 1);
    }
    return `${out}]`;
  }
  const keys = Object.keys(value);
  const ordered = inOrder(keys);
  if (ordered && depth < CHECK_DEPTH && isPlain(value) && valuesCanonical(value, keys, depth)) return JSON.stringify(value);
  if (!ordered) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = value[key];
    if (item === undefined || typeof item === 'symbol') continue;
    if (!first) out += ',';
    first = false;
    out += `${quote(key)}:${serialise(item, depth + 1)}`;
  }
  return `${out}}`;
}

/**
 * Whether JSON.stringify(value) is already its JCS: plain objects and arrays, only finite
 * numbers, strings, booleans and null at the leaves, no toJSON, nothing JSON.stringify drops or
 * turns into null, and every object's own keys enumerated in strictly increasing UTF-16 order
 * (which also rules out integer-like keys that JavaScript enumerates in numeric order, such as
 * "9" before "10").
 */
function isCanonical(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth >= CHECK_DEPTH) return false;
      const record = value as Record<string, unknown>;
      if (typeof record.toJSON === 'function') return false;
      if (Array.isArray(value)) return itemsCanonical(value, depth);
      const keys = Object.keys(record);
      return inOrder(keys) && isPlain(record) && valuesCanonical(record, keys, depth);
    }
    default:
      return false;
  }
}

function itemsCanonical(items: readonly unknown[], depth: number): boolean {
  for (let i = 0; i < items.length; i += 1) if (!isCanonical(items[i], depth + 1)) return false;
  return true;
}

function valuesCanonical(record: Record<string, unknown>, keys: readonly string[], depth: number): boolean {
  for (const key of keys) if (!isCanonical(record[key], depth + 1)) return false;
  return true;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i += 1) if (!((keys[i - 1] as string) < (keys[i] as string))) return false;
  return true;
}

/** Boxed primitives, Maps, class instances: JSON.stringify has rules of its own for some. */
function isPlain(record: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(record);
  return prototype === Object.prototype || prototype === null;
}

/** Characters JSON.stringify escapes (controls, quote, backslash) or checks (surrogates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPING = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** Most strings need no escaping: skip the native call for them. */
function quote(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
