import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyModuleMeta } from '../../src-shared/policy';
import { PolicyEngine } from '../../src-main/policy/engine';
import { loadPolicies } from '../../src-main/policy/files';
import { fromJSON, isObject, keyOf, lazyFromJSON, toJSON, type Value } from '../../src-main/policy/value';

/** Keys that trip up plain-object lookups: inherited names, escapes, array-like and empty keys. */
const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '\u0000', '\u0000s', '1', '01', '-1', 'length', ''];

/** JSON text, so `__proto__` and duplicate keys reach JSON.parse as they would from a request. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('null', 'true', 'false'),
    fc.double().map((n) => JSON.stringify(n)),
    fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 3 })), tie('value')), { maxLength: 5 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** Reads some fields of every object (chosen by `pick`) before anything iterates them. */
function touch(v: Value, json: unknown, pick: () => boolean): void {
  if (Array.isArray(v)) {
    v.forEach((item, i) => touch(item, (json as unknown[])[i], pick));
    return;
  }
  if (!isObject(v)) return;
  for (const k of [...Object.keys(json as object), ...ODD_KEYS]) {
    if (!pick()) continue;
    const field = v.get(k);
    if (field !== undefined) touch(field, (json as Record<string, unknown>)[k], pick);
  }
}

/** Same value, same iteration order all the way down (what `some k, v in x` would see). */
function expectSame(lazy: Value, eager: Value): void {
  expect(keyOf(lazy)).toBe(keyOf(eager));
  if (Array.isArray(lazy)) {
    (lazy as Value[]).forEach((item, i) => expectSame(item, (eager as Value[])[i]!));
  } else if (isObject(lazy) && isObject(eager)) {
    expect([...lazy.keys()].map(keyOf)).toEqual([...eager.keys()].map(keyOf));
    for (const [k, v] of lazy.entries()) expectSame(v, eager.get(k)!);
  }
}

describe('lazily converted input', () => {
  it('is the value fromJSON gives, however much of it was read first', () => {
    fc.assert(fc.property(jsonText, fc.infiniteStream(fc.boolean()), (text, coin) => {
      const json = JSON.parse(text) as unknown;
      const lazy = lazyFromJSON(json);
      const eager = fromJSON(json);
      const bits = coin[Symbol.iterator]();
      touch(lazy, json, () => bits.next().value as boolean);
      for (const k of ODD_KEYS) {
        if (isObject(lazy)) {
          expect(lazy.has(k)).toBe((eager as typeof lazy).has(k));
          expect(lazy.get(k) === undefined).toBe((eager as typeof lazy).get(k) === undefined);
        }
      }
      expectSame(lazy, eager);
      expect(toJSON(lazy)).toEqual(toJSON(eager));
    }), { numRuns: 500 });
  });

  it('fails exactly when fromJSON fails, with the same message', () => {
    const hidden = Object.defineProperty({ a: 1 }, 'hidden', { value: undefined, enumerable: false });
    const inherited = Object.assign(Object.create({ up: undefined }) as object, { a: 1 });
    const cases: unknown[] = [
      { a: undefined },
      { a: 1, b: [1, 'x', { c: undefined }] },
      { f: () => 1 },
      { s: Symbol('s') },
      { n: 10n },
      { a: undefined, b: () => 1 },
      { b: () => 1, a: undefined },
      [1, [2, undefined]],
      hidden,
      inherited,
    ];
    for (const c of cases) {
      let eager: unknown;
      try {
        eager = fromJSON(c);
      } catch (e) {
        expect(() => lazyFromJSON(c)).toThrow((e as Error).message);
        continue;
      }
      const lazy = lazyFromJSON(c);
      expectSame(lazy, eager as Value);
    }
    // A hole stays a hole, as fromJSON's `map` leaves it.
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , { a: 3 }];
    const [lazyHoles, eagerHoles] = [lazyFromJSON(sparse), fromJSON(sparse)] as Value[][];
    expect(Object.keys(lazyHoles!)).toEqual(Object.keys(eagerHoles!));
    expectSame(lazyHoles![2]!, eagerHoles![2]!);
    expect((lazyFromJSON(hidden) as { get(k: string): unknown }).get('hidden')).toBeUndefined();
    expect((lazyFromJSON(inherited) as { get(k: string): unknown }).get('up')).toBeUndefined();
  });
});

/** A decision input as the engine builds it (trimmed history), for the starter library. */
const DECISION_INPUT = {
  agent: { id: 'a-1', name: 'support-bot', role: 'support', org_unit: 'default', environment: 'production', tags: ['crm'] },
  action: {
    type: 'tool_call', tool: 'crm.ticket.update', verb: 'update',
    target: { system: 'crm', host: 'crm.internal', resource: 'tickets', environment: 'production', external: false },
    payload: { id: 14965, status: 'open', assignee: 'priya.nair', note: 'Customer renewal annual resolved billing note status.' },
  },
  session: { id: 'sess-7-0' },
  time: { ns: 1_796_283_236_978_000_000, iso: '2026-12-03T07:33:56.978Z', hour: 7, weekday: 'Thursday', timezone: 'UTC', in_window: true },
  classification: { findings: [{ type: 'EMAIL', count: 1, max_confidence: 0.9 }], types: ['EMAIL'] },
  risk: { score: 8, factors: { action_severity: 15, environment: 60 } },
  history: { recent: [{ tool: 'kb.search', target: 'kb.internal', ts: 1_796_283_236_808, blocked: false, delete: false, sensitive_read: false }] },
};

describe('the starter library on lazily converted input', () => {
  const dir = fileURLToPath(new URL('../../resources/policies', import.meta.url));
  const starter = loadPolicies([dir]);
  const modules = starter.modules.filter((m) => !m.file.endsWith('_test.rego'));
  const engine = PolicyEngine.compile(modules, starter.data);
  const metas: PolicyModuleMeta[] = modules.map((m) => {
    const pkg = /^package\s+([\w.]+)/m.exec(m.source)![1]!;
    return { id: pkg, package: pkg, scope: 'org', priority: 0, guardrail: false, shadow: false };
  });

  type Input = typeof DECISION_INPUT & { action: { payload: Record<string, unknown> } };

  it('gives the results of converting the whole input first', () => {
    const variants: ((i: Input) => void)[] = [
      () => {},
      (i) => { i.agent.role = 'finance'; i.action.verb = 'transfer'; i.action.payload.amount = 25_000; },
      (i) => { i.agent.role = 'finance'; i.action.verb = 'refund'; i.action.payload.amount = '12.5'; },
      (i) => { i.agent.role = 'finance'; i.action.type = 'payment'; i.action.payload.amount = 'lots'; },
      (i) => { i.action.verb = 'delete'; i.action.payload.count = 5000; },
      (i) => { delete (i.action.target as Partial<Input['action']['target']>).environment; i.action.verb = 'truncate'; },
      (i) => { i.action.target.external = true; i.classification.types = ['EMAIL', 'AWS_ACCESS_KEY']; },
      (i) => { i.action.verb = 'grant'; delete (i.action.target as Partial<Input['action']['target']>).resource; },
      (i) => { i.time.in_window = false; },
    ];
    for (const change of variants) {
      const input = structuredClone(DECISION_INPUT) as Input;
      change(input);
      const eager = metas.map((meta) => engine.evaluateModule(meta, fromJSON(input)));
      expect(engine.evaluateModules(metas, input)).toEqual(eager);
    }
  });

  it('fails every module closed when an unread part of the input is not JSON', () => {
    const input = structuredClone(DECISION_INPUT);
    (input.history.recent as unknown[]).push({ tool: undefined });
    for (const e of engine.evaluateModules(metas, input)) {
      expect(e.error).toEqual({ code: 'eval_internal_error', message: 'eval_internal_error: not a JSON value: undefined' });
    }
  });
});
