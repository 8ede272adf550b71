import { createHash, hash } from 'node:crypto';

/** RFC 6962 §2.1: leaves and interior nodes hash with different prefixes. */
const leafInput = Buffer.alloc(33, 0x00);
const nodeInput = Buffer.alloc(65, 0x01);

/** Hashes are latin1 strings inside this file: Node hashes to them much faster than to Buffers. */
function leafHash(entryHash: Buffer): string {
  entryHash.copy(leafInput, 1, 0, 32);
  return hash('sha256', leafInput, 'binary');
}

function nodeHash(left: string, right: string): string {
  nodeInput.write(left, 1, 'latin1');
  nodeInput.write(right, 33, 'latin1');
  return hash('sha256', nodeInput, 'binary');
}

const EMPTY_ROOT = createHash('sha256').digest();

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v > 0; v = Math.floor(v / 2)) count += v % 2;
  return count;
}

/**
 * The compact range [0, size): the roots of the perfect subtrees that size decomposes
 * into, largest first. O(log n) memory; each leaf costs one leaf hash plus, amortised,
 * one node hash, so a checkpoint never rehashes the log.
 */
export class MerkleFrontier {
  private constructor(
    private count: number,
    private readonly nodes: string[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Rebuilds from a stored compact range; throws if the shape cannot belong to that size. */
  static fromBase64(size: number, nodes: readonly string[]): MerkleFrontier {
    if (!Number.isSafeInteger(size) || size < 0 || nodes.length !== popcount(size)) {
      throw new Error(`compact range of ${nodes.length} hashes cannot describe a tree of size ${size}`);
    }
    return new MerkleFrontier(
      size,
      nodes.map((b64) => {
        const bytes = Buffer.from(b64, 'base64');
        if (bytes.length !== 32 || bytes.toString('base64') !== b64) throw new Error('bad hash in compact range');
        return bytes.toString('latin1');
      }),
    );
  }

  get size(): number {
    return this.count;
  }

  push(entryHash: Buffer): void {
    let node = leafHash(entryHash);
    for (let level = this.count; level % 2 === 1; level = (level - 1) / 2) {
      node = nodeHash(this.nodes.pop() as string, node);
    }
    this.nodes.push(node);
    this.count += 1;
  }

  root(): Buffer {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let node = this.nodes[this.nodes.length - 1] as string;
    for (let i = this.nodes.length - 2; i >= 0; i -= 1) node = nodeHash(this.nodes[i] as string, node);
    return Buffer.from(node, 'latin1');
  }

  toBase64(): string[] {
    return this.nodes.map((node) => Buffer.from(node, 'latin1').toString('base64'));
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(this.count, [...this.nodes]);
  }
}
