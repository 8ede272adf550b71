import { ENTRY_SIG_TAG } from './domain';
import { verifyEd25519 } from './ed25519';
import {
  contentReference,
  ENTRY_SIGNATURES_SETTING,
  isDigest,
  keyFromRecord,
  parseBody,
  rotationMessage,
} from './entry-bodies';
import type { KeyRecord } from './entry-bodies';
import { EntryHasher, genesisPrevHash } from './entry-hash';
import { MerkleFrontier } from './merkle';
import { keyLabel, parseCheckpoint, verifyCheckpoint } from './signed-note';
import type { NoteKey } from './signed-note';
import type { AuditRowBytes } from '../store/audit-rows';

/** An entry as verification sees it: the body as the UTF-8 bytes that were hashed. */
export type ChainRow = AuditRowBytes;

/**
 * What went wrong, and where as precisely as the evidence allows: from === to names one
 * entry; a range is all a check can honestly say (a recomputed chain between two checkpoints).
 */
export interface Damage {
  kind: DamageKind;
  from: number;
  to: number;
  detail: string;
}

export type DamageKind =
  | 'entry-edited'
  | 'entry-missing'
  | 'entry-moved'
  | 'link-broken'
  | 'genesis-mismatch'
  | 'foreign-origin'
  | 'bad-entry'
  | 'entry-signature-invalid'
  | 'key-change-invalid'
  | 'chain-recomputed'
  | 'truncated'
  | 'content-tampered'
  | 'content-missing'
  | 'checkpoint-invalid'
  | 'key-mismatch'
  | 'export-altered';

export interface VerifyReport {
  entries: number;
  firstSeq: number;
  lastSeq: number;
  key?: string;
  lastCheckpoint?: { seq: number; key: string };
  erased: number;
  /** Entries after the newest checkpoint: protected by the chain alone until the next one. */
  unanchored: number;
  damage?: Damage;
}

/** Whether the content a digest names is there, altered, or gone. */
export type ContentState = 'present' | 'tampered' | 'absent';

/** Where a partial export starts: what the entries before it would have established. */
export interface VerifyStart {
  seq: number;
  origin: string;
  key: NoteKey;
  signEntries: boolean;
  frontier: MerkleFrontier;
}

export interface ChainVerifierOptions {
  start?: VerifyStart;
  /** Absent for exports, which carry no content. */
  contentState?: (digest: string) => ContentState;
  /** Tree sizes at which outside checkpoints will be compared (see finish). */
  rootSizes?: ReadonlySet<number>;
}

interface CheckpointClaim {
  size: number;
  root?: Buffer;
  /** Why the claim could not be trusted, for a note that fails inside a consistent chain. */
  invalid?: string;
  inChain: boolean;
}

const ENTRY_SIG_PREFIX = Buffer.from(ENTRY_SIG_TAG, 'latin1');

/** How far from its seq a moved entry is searched for: enough for any burst insert or delete. */
const MOVE_PROBE = 64;

/**
 * Verifies a chain fed in seq order, then the checkpoints. Pure: rows, notes and a content
 * lookup in, a report out. Stops at the first damaged row: what follows cannot be trusted.
 */
export class ChainVerifier {
  private readonly hasher = new EntryHasher();
  private readonly rootSizes: ReadonlySet<number>;
  private readonly roots = new Map<number, Buffer>();
  private readonly claims: CheckpointClaim[] = [];
  /** Each key signs what comes after the entry that introduced it (-1: from the start). */
  private readonly keys: { afterSeq: number; key: NoteKey }[] = [];
  private readonly erased = new Set<string>();
  private readonly absent: { seq: number; digest: string }[] = [];
  private readonly startSize: number;
  private readonly frontier: MerkleFrontier;
  private expectedSeq: number;
  private expectedPrev: Buffer | undefined;
  private origin: string | undefined;
  private signEntries: boolean;
  private rowDamage: Damage | undefined;
  private count = 0;
  private lastCheckpoint: { seq: number; key: string } | undefined;

  constructor(private readonly options: ChainVerifierOptions = {}) {
    const start = options.start;
    this.rootSizes = options.rootSizes ?? new Set();
    this.frontier = start ? start.frontier.clone() : MerkleFrontier.empty();
    this.expectedSeq = start?.seq ?? 0;
    this.startSize = this.expectedSeq;
    this.origin = start?.origin;
    this.signEntries = start?.signEntries ?? false;
    if (start) this.keys.push({ afterSeq: -1, key: start.key });
    this.roots.set(this.expectedSeq, this.frontier.root());
  }

  /** Returns false once damage is found: the caller may stop reading. */
  push(row: ChainRow): boolean {
    if (this.rowDamage) return false;
    const damage = this.check(row);
    if (damage) {
      this.rowDamage = damage;
      return false;
    }
    this.count += 1;
    this.expectedSeq = row.seq + 1;
    this.expectedPrev = row.hash;
    this.frontier.push(row.hash);
    if (this.rootSizes.has(this.frontier.size)) this.roots.set(this.frontier.size, this.frontier.root());
    return true;
  }

  private currentKey(): NoteKey | undefined {
    return this.keys[this.keys.length - 1]?.key;
  }

  private keyAt(size: number): NoteKey | undefined {
    let found: NoteKey | undefined;
    for (const entry of this.keys) if (entry.afterSeq < size) found = entry.key;
    return found;
  }

  private check(row: ChainRow): Damage | undefined {
    const seq = this.expectedSeq;
    if (row.seq !== seq) {
      return row.seq > seq
        ? damage('entry-missing', seq, row.seq - 1, `seq ${seq}..${row.seq - 1} missing: entries deleted`)
        : damage('entry-moved', row.seq, seq, `seq ${row.seq} appears after seq ${seq - 1}: entries reordered`);
    }
    const computed = this.hasher.hashBytes(row.prevHash, seq, row.ts, row.kind, row.origin, row.body);
    if (row.hash.length !== 32 || computed !== row.hash.toString('latin1')) return this.explainEdit(row);
    if (this.expectedPrev !== undefined && !row.prevHash.equals(this.expectedPrev)) {
      return damage('link-broken', seq, seq, `prev_hash of seq ${seq} is not the hash of seq ${seq - 1}: entry replaced or spliced in`);
    }
    if (this.origin !== undefined && row.origin !== this.origin) {
      return damage('foreign-origin', seq, seq, `seq ${seq} belongs to origin "${row.origin}", not "${this.origin}"`);
    }
    if (seq === 0 && this.keys.length === 0) return this.checkGenesis(row) ?? this.checkSignature(row);
    return this.checkSignature(row) ?? this.checkKind(row);
  }

  /** Under the key and mode in force before this entry: a rotation is signed by the old key. */
  private checkSignature(row: ChainRow): Damage | undefined {
    if (row.sig === null && !this.signEntries) return undefined;
    const key = this.currentKey();
    const message = Buffer.concat([ENTRY_SIG_PREFIX, row.hash]);
    if (!row.sig || !key || !verifyEd25519(key.publicKey, message, row.sig)) {
      return damage('entry-signature-invalid', row.seq, row.seq, `seq ${row.seq}: entry signature missing or invalid`);
    }
    return undefined;
  }

  /** A wrong hash is an edit, unless the entry verifies under another seq: then it moved. */
  private explainEdit(row: ChainRow): Damage {
    const seq = row.seq;
    const stored = row.hash.toString('latin1');
    for (let distance = 1; distance <= MOVE_PROBE; distance += 1) {
      for (const original of [seq + distance, seq - distance]) {
        if (original < 0) continue;
        if (this.hasher.hashBytes(row.prevHash, original, row.ts, row.kind, row.origin, row.body) !== stored) continue;
        return original > seq
          ? damage('entry-moved', seq, original - 1, `seq ${seq} holds the entry written as seq ${original}: entries deleted and renumbered`)
          : damage('entry-moved', original, seq, `seq ${seq} holds the entry written as seq ${original}: entries inserted or reordered`);
      }
    }
    return damage('entry-edited', seq, seq, `seq ${seq}: stored hash does not match its content`);
  }

  private checkKind(row: ChainRow): Damage | undefined {
    const seq = row.seq;
    switch (row.kind) {
      case 'key_change':
        return this.checkRotation(row);
      case 'checkpoint':
        return this.checkCheckpointEntry(row);
      case 'erasure': {
        const digest = parseBody(row.body.toString('utf8'))?.digest;
        if (!isDigest(digest)) return damage('bad-entry', seq, seq, `seq ${seq}: erasure without a digest`);
        this.erased.add(digest);
        return undefined;
      }
      case 'setting_change': {
        const body = parseBody(row.body.toString('utf8'));
        if (body?.setting === ENTRY_SIGNATURES_SETTING) this.signEntries = body.value === true;
        return undefined;
      }
      default:
        return this.checkContent(row);
    }
  }

  private checkGenesis(row: ChainRow): Damage | undefined {
    const body = parseBody(row.body.toString('utf8'));
    const key = body?.event === 'genesis' && row.kind === 'key_change' ? keyFromRecord(body.key) : undefined;
    if (!body || !key) return damage('genesis-mismatch', 0, 0, 'seq 0 is not a genesis key record');
    if (!row.prevHash.equals(genesisPrevHash(row.origin, key.publicKey))) {
      return damage('genesis-mismatch', 0, 0, 'seq 0: prev_hash is not derived from this origin and key');
    }
    this.origin = row.origin;
    this.keys.push({ afterSeq: -1, key });
    this.signEntries = body.entry_signatures === true;
    return undefined;
  }

  private checkRotation(row: ChainRow): Damage | undefined {
    const seq = row.seq;
    const body = parseBody(row.body.toString('utf8'));
    const current = this.currentKey();
    const next = body?.event === 'rotate' ? keyFromRecord(body.key) : undefined;
    const signature = typeof body?.signature === 'string' ? Buffer.from(body.signature, 'base64') : undefined;
    if (!body || !next || !current || !signature || body.previous_key_id !== current.keyId.toString('hex')) {
      return damage('key-change-invalid', seq, seq, `seq ${seq}: key change is not a rotation from the current key`);
    }
    const message = rotationMessage(row.origin, seq, body.key as KeyRecord, current.keyId.toString('hex'));
    if (!verifyEd25519(current.publicKey, message, signature)) {
      return damage('key-change-invalid', seq, seq, `seq ${seq}: key change not signed by ${keyLabel(current)}`);
    }
    this.keys.push({ afterSeq: seq, key: next });
    return undefined;
  }

  /**
   * The entry's hash is consistent, so a checkpoint that does not hold up here was written by
   * someone who rehashed the chain: evidence for a range, settled in finish().
   */
  private checkCheckpointEntry(row: ChainRow): Damage | undefined {
    const seq = row.seq;
    const body = parseBody(row.body.toString('utf8'));
    const key = this.currentKey();
    const parsed = typeof body?.note === 'string' ? parseCheckpoint(body.note) : 'malformed checkpoint entry';
    const verdict =
      typeof parsed === 'string'
        ? parsed
        : body?.size !== seq || parsed.origin !== row.origin || parsed.size !== seq || parsed.root.toString('base64') !== body.root
          ? 'note does not match its entry'
          : key
            ? verifyCheckpoint(parsed, [key])
            : 'no key';
    if (typeof verdict === 'string' || typeof parsed === 'string') {
      this.claims.push({ size: seq, invalid: `checkpoint at seq ${seq}: ${String(verdict)}`, inChain: true });
      return undefined;
    }
    this.roots.set(seq, this.frontier.root());
    this.claims.push({ size: seq, root: parsed.root, inChain: true });
    this.lastCheckpoint = { seq, key: keyLabel(verdict) };
    return undefined;
  }

  private checkContent(row: ChainRow): Damage | undefined {
    const lookup = this.options.contentState;
    if (!lookup) return undefined;
    const digest = contentReference(row.kind, row.body);
    if (digest === undefined) return undefined;
    const state = lookup(digest);
    if (state === 'tampered') {
      return damage('content-tampered', row.seq, row.seq, `content ${digest} of seq ${row.seq} does not match its digest`);
    }
    if (state === 'absent') this.absent.push({ seq: row.seq, digest });
    return undefined;
  }

  /**
   * Compares the checkpoints kept outside (notes) and those in the chain with the roots
   * recomputed from the rows, then reports the earliest damage any check located.
   */
  finish(outsideNotes: readonly string[] = []): VerifyReport {
    const found: Damage[] = [];
    if (this.rowDamage) found.push(this.rowDamage);
    const end = this.expectedSeq;
    const reached = this.rowDamage ? this.rowDamage.from : end;
    for (const { seq, digest } of this.absent) {
      if (!this.erased.has(digest)) {
        found.push(damage('content-missing', seq, seq, `content ${digest} of seq ${seq} was deleted without an erasure entry`));
      }
    }
    const claims = [...this.claims];
    for (const note of new Set(outsideNotes)) {
      const claim = this.outsideClaim(note, end, reached);
      if (claim && 'kind' in claim) found.push(claim);
      else if (claim) claims.push(claim);
    }
    const recomputed = this.firstBadClaim(claims, reached);
    if (recomputed) found.push(recomputed);
    found.sort((a, b) => a.from - b.from || a.to - b.to);
    const current = this.currentKey();
    return {
      entries: this.count,
      firstSeq: this.startSize,
      lastSeq: end - 1,
      key: current && keyLabel(current),
      lastCheckpoint: this.lastCheckpoint,
      erased: [...this.erased].length,
      unanchored: this.lastCheckpoint ? end - 1 - this.lastCheckpoint.seq : this.count,
      damage: found[0],
    };
  }

  /**
   * An outside note: a claim to compare, damage if it proves entries are gone, or nothing
   * when it lies beyond damage already found (the rows there prove nothing).
   */
  private outsideClaim(note: string, end: number, reached: number): CheckpointClaim | Damage | undefined {
    const parsed = parseCheckpoint(note);
    if (typeof parsed === 'string') return damage('checkpoint-invalid', end, end, `outside checkpoint unreadable: ${parsed}`);
    if (this.rowDamage && parsed.size > reached) return undefined;
    if (this.origin !== undefined && parsed.origin !== this.origin) {
      return damage('checkpoint-invalid', end, end, `outside checkpoint is for origin "${parsed.origin}"`);
    }
    const key = this.keyAt(parsed.size);
    const verdict = key ? verifyCheckpoint(parsed, [key]) : 'no key';
    if (typeof verdict === 'string') {
      return damage('checkpoint-invalid', end, end, `outside checkpoint of size ${parsed.size}: ${verdict}`);
    }
    // Our own checkpoints are appended to the chain at seq = size before they are copied out.
    if (!this.rowDamage && parsed.size >= end) {
      return damage(
        'truncated',
        end,
        parsed.size,
        `log ends at seq ${end - 1} but a checkpoint kept outside covers seq ${parsed.size}: truncated or rolled back`,
      );
    }
    return { size: parsed.size, root: parsed.root, inChain: false };
  }

  private firstBadClaim(claims: CheckpointClaim[], reached: number): Damage | undefined {
    claims.sort((a, b) => a.size - b.size || Number(a.inChain) - Number(b.inChain));
    let good = this.startSize;
    for (const claim of claims) {
      if (claim.size > reached) break;
      const computed = this.roots.get(claim.size);
      if (claim.invalid === undefined && claim.root && computed?.equals(claim.root)) {
        good = claim.size;
        continue;
      }
      if (claim.invalid === undefined && !computed) continue;
      const to = claim.invalid === undefined ? claim.size - 1 : claim.size;
      const why = claim.invalid ?? `root signed at size ${claim.size} differs from the entries`;
      return damage('chain-recomputed', good, to, `${why}: chain rewritten and rehashed somewhere in seq ${good}..${to}`);
    }
    return undefined;
  }
}

function damage(kind: DamageKind, from: number, to: number, detail: string): Damage {
  return { kind, from, to, detail };
}
