/**
 * The most recent actions of one agent or one session, newest last, at most `capacity` of them.
 * Slots are reused once the ring is full, so a busy agent allocates nothing per action;
 * a short session only allocates the slots it uses.
 */

/** Bit flags describing a recorded action; the sequence factor looks for patterns over them. */
export const EventFlag = {
  DELETE: 1,
  /** A read of sensitive data (sensitive findings or a sensitive resource). */
  SENSITIVE_READ: 2,
  /** The pipeline's final verdict was block. */
  BLOCKED: 4,
} as const;

export interface SequenceEvent {
  /** Epoch milliseconds. */
  at: number;
  flags: number;
  tool: string;
  target: string;
}

export class EventRing {
  private readonly slots: SequenceEvent[] = [];
  /** Index of the slot the next event overwrites once the ring is full. */
  private next = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.slots.length;
  }

  push(at: number, flags: number, tool: string, target: string): void {
    if (this.slots.length < this.capacity) {
      this.slots.push({ at, flags, tool, target });
      return;
    }
    const slot = this.slots[this.next] as SequenceEvent;
    slot.at = at;
    slot.flags = flags;
    slot.tool = tool;
    slot.target = target;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The i-th most recent event (0 = newest), or undefined past the end. */
  recent(i: number): SequenceEvent | undefined {
    const n = this.slots.length;
    if (i < 0 || i >= n) return undefined;
    const newest = n < this.capacity ? n - 1 : (this.next - 1 + this.capacity) % this.capacity;
    return this.slots[(newest - i + n) % n];
  }
}
