import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, equal, fromJSON, keyOf, RObject, RSet, toJSON, type Value } from '../../src-main/policy/value';

const json = fc.jsonValue({ maxDepth: 3 });

describe('value order and equality', () => {
  it('orders kinds as OPA does', () => {
    const ordered: Value[] = [null, false, true, -1, 2.5, '', 'a', [], [1], new RObject(), RSet.from([])];
    for (let i = 1; i < ordered.length; i++) expect(compare(ordered[i - 1]!, ordered[i]!)).toBeLessThan(0);
  });

  it('treats 1 and 1.0 as equal with the same key', () => {
    expect(equal(1, 1.0)).toBe(true);
    expect(keyOf(RSet.from([1]))).toBe(keyOf(RSet.from([1.0])));
  });

  it('is a total order consistent with equality', () => {
    fc.assert(fc.property(json, json, (a, b) => {
      const x = fromJSON(a);
      const y = fromJSON(b);
      const c = compare(x, y);
      expect(Math.sign(c) + Math.sign(compare(y, x))).toBe(0);
      expect(c === 0).toBe(equal(x, y));
      expect(keyOf(x) === keyOf(y)).toBe(equal(x, y));
    }));
  });

  it('round-trips JSON, with sets as sorted arrays', () => {
    fc.assert(fc.property(json, (a) => equal(fromJSON(toJSON(fromJSON(a))), fromJSON(a))));
    expect(toJSON(RSet.from(['b', 'a', 1]))).toEqual([1, 'a', 'b']);
    expect(toJSON(RObject.from([[7, true], [[1], 'x']]))).toEqual({ '7': true, '[1]': 'x' });
  });
});
