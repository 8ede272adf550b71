/**
 * Rego values: representation, canonical order, equality and JSON conversion.
 *
 * Representation (stable contract for builtins):
 *   null, boolean, number (IEEE double), string  → the JS primitive
 *   array  → readonly Value[] (never mutated after construction)
 *   object → RObject (any-value keys, insertion order kept, compared unordered; an input's
 *            objects convert their fields from the JSON on first read, see lazyFromJSON)
 *   set    → RSet
 *
 * Numbers are JS doubles on purpose: policies compare amounts and counts, and doubles keep the
 * hot path allocation-free. Integers beyond 2^53 and decimals beyond 17 digits lose precision
 * (they never crash); the conformance figures record the cases this costs.
 */

export type Value = null | boolean | number | string | readonly Value[] | RObject | RSet;

/** Type names as OPA reports them in errors and `type_name`. */
export type TypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'set';

export function typeName(v: Value): TypeName {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'string': return 'string';
  }
  if (Array.isArray(v)) return 'array';
  return v instanceof RSet ? 'set' : 'object';
}

/**
 * A string that identifies a value up to Rego equality (1 and 1.0 share a key).
 * Strings map to themselves with a prefix so they never collide with other kinds.
 */
export function keyOf(v: Value): string {
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'number') return 'n' + (Object.is(v, -0) ? 0 : v);
  if (v === null) return 'z';
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (Array.isArray(v)) {
    let k = '[';
    for (const e of v) k += keyOf(e) + '\u0000';
    return k + ']';
  }
  if (v instanceof RSet) {
    const keys = [...v.keys()].sort();
    return '<' + keys.join('\u0000') + '>';
  }
  const obj = v as RObject;
  const parts: string[] = [];
  for (const [k, val] of obj.entries()) parts.push(keyOf(k) + '\u0001' + keyOf(val));
  parts.sort();
  return '{' + parts.join('\u0000') + '}';
}

/** Map key inside an object: string keys as themselves (the common case, no allocation). */
function fieldKey(k: Value): string {
  if (typeof k === 'string') return k.charCodeAt(0) === 0 ? '\u0000s' + k : k;
  return '\u0000' + keyOf(k);
}

export class RObject {
  private byKey = new Map<string, [Value, Value]>();
  /**
   * Set by `lazyFromJSON`: the JSON object this one stands for. Fields are converted on first
   * `get` and wait in byKey; anything that needs them all converts the rest first (`settled`).
   */
  private source: Readonly<Record<string, unknown>> | null = null;

  static from(entries: Iterable<readonly [Value, Value]>): RObject {
    const o = new RObject();
    for (const [k, v] of entries) o.set(k, v);
    return o;
  }

  /** An object that converts the fields of already validated JSON when they are first read. */
  static lazy(source: Readonly<Record<string, unknown>>): RObject {
    const o = new RObject();
    o.source = source;
    return o;
  }

  get size(): number { return this.settled().size; }

  get(k: Value): Value | undefined {
    if (this.source !== null) return this.sourceField(k);
    return this.byKey.get(fieldKey(k))?.[1];
  }

  has(k: Value): boolean {
    // JSON keys are strings, so a key of any other kind is never present.
    if (this.source !== null) return typeof k === 'string' && isJSONField(this.source, k);
    return this.byKey.has(fieldKey(k));
  }

  /** Mutates: only for building a fresh object before it is shared. */
  set(k: Value, v: Value): void {
    this.settled().set(fieldKey(k), [k, v]);
  }

  delete(k: Value): void { this.settled().delete(fieldKey(k)); }

  *entries(): IterableIterator<[Value, Value]> {
    for (const e of this.settled().values()) yield e;
  }

  *keys(): IterableIterator<Value> {
    for (const e of this.settled().values()) yield e[0];
  }

  *values(): IterableIterator<Value> {
    for (const e of this.settled().values()) yield e[1];
  }

  clone(): RObject {
    const o = new RObject();
    for (const [k, e] of this.settled()) o.byKey.set(k, e);
    return o;
  }

  sortedEntries(): [Value, Value][] {
    return [...this.settled().values()].sort((a, b) => compare(a[0], b[0]));
  }

  private sourceField(k: Value): Value | undefined {
    if (typeof k !== 'string') return undefined;
    // Rules of every module read the same few fields: each is looked up in the JSON once.
    const fk = fieldKey(k);
    const done = this.byKey.get(fk);
    if (done !== undefined) return done[1];
    const source = this.source!;
    const raw = source[k];
    // Checked JSON has no undefined fields, so undefined means no such field.
    if (raw === undefined || !isJSONField(source, k)) return undefined;
    const v = fromCheckedJSON(raw);
    this.byKey.set(fk, [k, v]);
    return v;
  }

  /** All fields, converted, in the order fromJSON would have inserted them. */
  private settled(): Map<string, [Value, Value]> {
    const source = this.source;
    if (source === null) return this.byKey;
    const done = this.byKey;
    const byKey = new Map<string, [Value, Value]>();
    for (const k of Object.keys(source)) {
      const fk = fieldKey(k);
      byKey.set(fk, done.get(fk) ?? [k, fromCheckedJSON(source[k])]);
    }
    this.byKey = byKey;
    this.source = null;
    return byKey;
  }
}

const hasEnumerable = Object.prototype.propertyIsEnumerable;
const hasOwn = Object.prototype.hasOwnProperty;

/** Whether `Object.entries` lists the key: an own, enumerable property. */
function isJSONField(source: object, k: string): boolean {
  return hasEnumerable.call(source, k);
}

export class RSet {
  private readonly byKey = new Map<string, Value>();

  static from(items: Iterable<Value>): RSet {
    const s = new RSet();
    for (const v of items) s.add(v);
    return s;
  }

  get size(): number { return this.byKey.size; }

  has(v: Value): boolean { return this.byKey.has(keyOf(v)); }

  /** Mutates: only for building a fresh set before it is shared. */
  add(v: Value): void {
    const k = keyOf(v);
    if (!this.byKey.has(k)) this.byKey.set(k, v);
  }

  hasKey(k: string): boolean { return this.byKey.has(k); }

  keys(): IterableIterator<string> { return this.byKey.keys(); }

  values(): IterableIterator<Value> { return this.byKey.values(); }

  [Symbol.iterator](): IterableIterator<Value> { return this.byKey.values(); }

  /** Elements in OPA's set order. */
  sorted(): Value[] {
    return [...this.byKey.values()].sort(compare);
  }
}

const KIND_RANK: Record<TypeName, number> = {
  null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6,
};

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // OPA orders strings by UTF-8 bytes; UTF-16 order differs only for astral vs U+E000..U+FFFF.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** OPA's total order over values. */
export function compare(a: Value, b: Value): number {
  const ta = typeName(a);
  const tb = typeName(b);
  if (ta !== tb) return KIND_RANK[ta] - KIND_RANK[tb];
  switch (ta) {
    case 'null': return 0;
    case 'boolean': return a === b ? 0 : a ? 1 : -1;
    case 'number': return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'string': return compareStrings(a as string, b as string);
    case 'array': {
      const x = a as readonly Value[];
      const y = b as readonly Value[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 'object': {
      const x = (a as RObject).sortedEntries();
      const y = (b as RObject).sortedEntries();
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const ck = compare(x[i]![0], y[i]![0]);
        if (ck !== 0) return ck;
        const cv = compare(x[i]![1], y[i]![1]);
        if (cv !== 0) return cv;
      }
      return x.length - y.length;
    }
    case 'set': {
      const x = (a as RSet).sorted();
      const y = (b as RSet).sorted();
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
  }
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  const t = typeof a;
  if (t !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i]!, b[i]!)) return false;
    return true;
  }
  if (a instanceof RSet) {
    if (!(b instanceof RSet) || a.size !== b.size) return false;
    for (const k of a.keys()) if (!b.hasKey(k)) return false;
    return true;
  }
  if (!(a instanceof RObject) || !(b instanceof RObject) || a.size !== b.size) return false;
  for (const [k, v] of a.entries()) {
    const w = b.get(k);
    if (w === undefined || !equal(v, w)) return false;
  }
  return true;
}

/** Converts parsed JSON (as from JSON.parse) into a Rego value. */
export function fromJSON(j: unknown): Value {
  if (j === null || typeof j === 'boolean' || typeof j === 'number' || typeof j === 'string') return j;
  if (Array.isArray(j)) return j.map(fromJSON);
  if (typeof j === 'object') {
    const o = new RObject();
    for (const [k, v] of Object.entries(j as Record<string, unknown>)) o.set(k, fromJSON(v));
    return o;
  }
  throw new TypeError(`not a JSON value: ${typeof j}`);
}

/**
 * Like fromJSON, for a document read once and mostly not at all (a decision's input): it is
 * checked whole now, so it fails exactly when fromJSON would, but each object converts its
 * fields only when they are read. The JSON must not change while the value is in use.
 */
export function lazyFromJSON(j: unknown): Value {
  checkJSON(j);
  return fromCheckedJSON(j);
}

/** Throws what fromJSON would throw for `j`, visiting values in the same order. */
function checkJSON(j: unknown): void {
  if (j === null) return;
  switch (typeof j) {
    case 'boolean': case 'number': case 'string': return;
    case 'object': break;
    default: throw new TypeError(`not a JSON value: ${typeof j}`);
  }
  if (Array.isArray(j)) {
    // `map` skips holes, so they are never checked.
    for (let i = 0; i < j.length; i++) if (i in j) checkJSON(j[i]);
    return;
  }
  // Own keys as Object.entries lists them, in its order; V8 compiles this for-in pattern to a
  // walk of the enumeration cache, with no array allocated.
  const o = j as Record<string, unknown>;
  for (const k in o) if (hasOwn.call(o, k)) checkJSON(o[k]);
}

function fromCheckedJSON(j: unknown): Value {
  if (j === null || typeof j !== 'object') return j as Value;
  if (Array.isArray(j)) return j.map(fromCheckedJSON);
  return RObject.lazy(j as Record<string, unknown>);
}

/**
 * Converts a Rego value to JSON the way OPA does: sets become sorted arrays and
 * non-string object keys become their JSON encoding.
 */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof RSet) return v.sorted().map(toJSON);
  const out: Record<string, unknown> = {};
  for (const [k, val] of (v as RObject).sortedEntries()) {
    // Defined, not assigned: a plain `out["__proto__"] = …` would set the prototype and drop the key.
    Object.defineProperty(out, typeof k === 'string' ? k : JSON.stringify(toJSON(k)), { value: toJSON(val), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** JSON text of a value, as `json.marshal` writes it (compact, sets as sorted arrays). */
export function toJSONText(v: Value): string {
  return JSON.stringify(toJSON(v));
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  // Go formats large/small floats with an explicit exponent sign and two digits.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Rego term syntax, as OPA prints values (`print`, `%v` in sprintf). */
export function toRegoString(v: Value, quoteStrings = true): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return quoteStrings ? JSON.stringify(v) : v;
  if (Array.isArray(v)) return '[' + v.map((e) => toRegoString(e)).join(', ') + ']';
  if (v instanceof RSet) {
    if (v.size === 0) return 'set()';
    return '{' + v.sorted().map((e) => toRegoString(e)).join(', ') + '}';
  }
  const parts = (v as RObject).sortedEntries().map(([k, val]) => `${toRegoString(k)}: ${toRegoString(val)}`);
  return '{' + parts.join(', ') + '}';
}

export function isObject(v: Value | undefined): v is RObject { return v instanceof RObject; }
export function isSet(v: Value | undefined): v is RSet { return v instanceof RSet; }
export function isArray(v: Value | undefined): v is readonly Value[] { return Array.isArray(v); }
