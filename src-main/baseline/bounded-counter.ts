/**
 * Counts per key with at most `capacity` distinct keys. When full, a new key replaces the least
 * frequent one and inherits its count plus one (the Space-Saving scheme): frequent keys are never
 * lost, and a newcomer's count overestimates by at most the evicted count.
 */
export class BoundedCounter {
  private readonly counts = new Map<string, number>();
  private sum = 0;

  constructor(private capacity: number) {}

  get size(): number {
    return this.counts.size;
  }

  /** Sum of all increments, including those of evicted keys. */
  get total(): number {
    return this.sum;
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  add(key: string, capacity = this.capacity): void {
    this.capacity = capacity;
    this.sum += 1;
    const current = this.counts.get(key);
    if (current !== undefined) {
      this.counts.set(key, current + 1);
      return;
    }
    let inherited = 0;
    while (this.counts.size >= this.capacity) inherited = this.evictLeastFrequent();
    this.counts.set(key, inherited + 1);
  }

  private evictLeastFrequent(): number {
    let minKey: string | undefined;
    let minCount = Infinity;
    for (const [key, count] of this.counts) {
      if (count < minCount) {
        minCount = count;
        minKey = key;
      }
    }
    if (minKey !== undefined) this.counts.delete(minKey);
    return minKey === undefined ? 0 : minCount;
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Restores counts, keeping the `capacity` most frequent keys. */
  static fromRecord(record: Record<string, number>, total: number, capacity: number): BoundedCounter {
    const counter = new BoundedCounter(capacity);
    const kept = Object.entries(record).sort((a, b) => b[1] - a[1]).slice(0, capacity);
    for (const [key, count] of kept) counter.counts.set(key, count);
    counter.sum = Math.max(total, kept.reduce((s, [, c]) => s + c, 0));
    return counter;
  }
}
