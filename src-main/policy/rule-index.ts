/**
 * Rule indexing: definitions guarded by `input.<path> == <constant>` are bucketed by that
 * constant, so an evaluation only runs the definitions whose guard can match the input.
 */
import { isObject, keyOf, type Value } from './value';

export interface Guard {
  path: readonly string[];
  value: Value;
}

export class RuleIndex<T> {
  private readonly buckets = new Map<string, T[]>();
  private readonly unguarded: T[] = [];
  private readonly path: readonly string[];

  /** Returns null when indexing would not narrow anything. */
  static build<T>(items: readonly T[], guardsOf: (item: T) => readonly Guard[]): RuleIndex<T> | null {
    const counts = new Map<string, { path: readonly string[]; n: number }>();
    for (const item of items) {
      for (const g of guardsOf(item)) {
        const key = g.path.join('\u0000');
        const c = counts.get(key) ?? { path: g.path, n: 0 };
        c.n++;
        counts.set(key, c);
      }
    }
    let best: { path: readonly string[]; n: number } | undefined;
    for (const c of counts.values()) if (!best || c.n > best.n) best = c;
    if (!best || best.n < 2) return null;
    return new RuleIndex(items, guardsOf, best.path);
  }

  private constructor(items: readonly T[], guardsOf: (item: T) => readonly Guard[], path: readonly string[]) {
    this.path = path;
    const joined = path.join('\u0000');
    for (const item of items) {
      const g = guardsOf(item).find((x) => x.path.join('\u0000') === joined);
      if (!g) { this.unguarded.push(item); continue; }
      const k = keyOf(g.value);
      const bucket = this.buckets.get(k);
      if (bucket) bucket.push(item);
      else this.buckets.set(k, [item]);
    }
  }

  candidates(input: Value | undefined): readonly T[] {
    let v: Value | undefined = input;
    for (const p of this.path) {
      if (!isObject(v)) { v = undefined; break; }
      v = v.get(p);
    }
    const hit = v === undefined ? undefined : this.buckets.get(keyOf(v));
    if (!hit) return this.unguarded;
    if (this.unguarded.length === 0) return hit;
    return [...this.unguarded, ...hit];
  }
}
