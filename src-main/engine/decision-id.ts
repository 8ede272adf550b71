import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// uuid draws 16 bytes from the CSPRNG per id; one draw fills the bytes for 256 ids instead.
const IDS_PER_DRAW = 256;
const pool = new Uint8Array(16 * IDS_PER_DRAW);
let next = pool.length;

/**
 * A new decision id: a UUIDv7, time-ordered, so the decisions index grows at its right edge
 * instead of touching a random page per insert; its random part is still 74 bits.
 */
export function newDecisionId(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const random = pool.subarray(next, next + 16);
  next += 16;
  return v7({ random });
}
