import { existsSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AuditReader } from '../store/audit-reader';
import { AuditWriter } from '../store/audit-writer';
import type { Store } from '../store/database';
import { backgroundFileCheckpointSink } from './checkpoint-sink';
import type { CheckpointSink } from './checkpoint-sink';
import { contentBytes, contentDigest } from './content-digest';
import { ENTRY_SIG_TAG } from './domain';
import {
  CONTENT_FIELD,
  ENTRY_SIGNATURES_SETTING,
  keyFromRecord,
  keyRecord,
  parseBody,
  rotationMessage,
} from './entry-bodies';
import type { CheckpointBody, ErasureBody, GenesisBody, RotationBody } from './entry-bodies';
import { EntryHasher, genesisPrevHash } from './entry-hash';
import { DEFAULT_KEY_FILE, generateInstanceKey, readInstanceKey, writeInstanceKey } from './instance-key';
import type { InstanceKey, PassphraseSource } from './instance-key';
import { jcs } from './jcs';
import { isValidKind, RESERVED_KINDS } from './kinds';
import type { AuditKind } from './kinds';
import { MerkleFrontier } from './merkle';
import { checkpointText, keyLabel, signNote } from './signed-note';

const SALT_SECRET = 'content_salt';

export interface AuditLogOptions {
  /** Where checkpoint files and (by default) the key file live. */
  dataDir: string;
  /** Instance key file (0600). Default `<dataDir>/instance.key`; may live elsewhere. */
  keyFile?: string;
  /** Encrypts the key file at rest; required to open an encrypted one. */
  passphrase?: PassphraseSource;
  /** Log identity for a new instance (C2SP origin, no spaces or '+'). Default: random. */
  origin?: string;
  /** Checkpoint after this many entries (default 1000). */
  checkpointEvery?: number;
  /** …and this often when anything was appended (default 10 000 ms; 0: no timer). */
  checkpointIntervalMs?: number;
  /** Sign every entry hash (~tens of µs each): exact location even after a full rewrite. */
  signEntries?: boolean;
  /** Where checkpoints are copied. Default: checkpoints.log + checkpoint.latest in dataDir, written by a worker thread. */
  sinks?: CheckpointSink[];
  /** A sink failure must not fail the append that triggered it; it is reported here. */
  onSinkError?: (error: unknown) => void;
  clock?: () => number;
}

export interface Checkpoint {
  seq: number;
  size: number;
  root: Buffer;
  note: string;
}

/** One entry for appendMany: what appendWith takes, as a record. */
export interface AppendRequest {
  kind: AuditKind;
  body: Record<string, unknown>;
  apply?: (seq: number) => void;
  content?: Buffer | string;
}

const ORIGIN = /^[^\s+]{1,200}$/;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * The tamper-evident log: appends chained entries synchronously, keeps the Merkle compact
 * range in memory, signs checkpoints and copies them out. One instance per database.
 */
export class AuditLog {
  private readonly writer: AuditWriter;
  private readonly reader: AuditReader;
  private readonly hasher = new EntryHasher();
  private readonly sinks: CheckpointSink[];
  private readonly clock: () => number;
  private readonly checkpointEvery: number;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly keyFile: string;
  private key: InstanceKey;
  private origin: string;
  private salt: Buffer;
  private nextSeq: number;
  private lastHash: Buffer;
  private frontier: MerkleFrontier;
  /** Entry hashes written in the open transaction, folded into the frontier once it commits. */
  private pending: Buffer[];
  private lastCheckpointSeq: number;
  private signEntries: boolean;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: AuditLogOptions,
  ) {
    this.writer = new AuditWriter(store.db);
    this.reader = new AuditReader(store.db);
    this.clock = options.clock ?? Date.now;
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 1000);
    this.sinks = options.sinks ?? [backgroundFileCheckpointSink(options.dataDir, (error) => this.sinkFailed(error))];
    this.keyFile = options.keyFile ?? path.join(options.dataDir, DEFAULT_KEY_FILE);
    this.signEntries = options.signEntries ?? false;

    const last = this.reader.last();
    if (!last) {
      this.key = this.loadOrCreateKey();
      this.origin = this.key.name;
      this.salt = randomBytes(32);
      this.nextSeq = 0;
      this.lastHash = genesisPrevHash(this.origin, this.key.publicKey);
      this.frontier = MerkleFrontier.empty();
      this.pending = [];
      this.lastCheckpointSeq = -1;
      this.atomically(() => {
        this.writer.putSecret(SALT_SECRET, this.salt);
        const genesis: GenesisBody = { event: 'genesis', key: keyRecord(this.key), entry_signatures: this.signEntries };
        this.writeEntry('key_change', jcs(genesis));
      });
    } else {
      const first = this.reader.entry(0);
      const salt = this.reader.secret(SALT_SECRET);
      if (!first || !salt) throw new Error(`${store.file}: audit log has no genesis entry or no content salt`);
      this.origin = first.origin;
      this.salt = salt;
      this.key = this.loadKeyFor(this.chainKeyId());
      this.nextSeq = last.seq + 1;
      this.lastHash = last.hash;
      const restored = this.restoreFrontier();
      this.frontier = restored.frontier;
      this.lastCheckpointSeq = restored.checkpointSeq;
      this.pending = this.reader.hashes(this.frontier.size, this.nextSeq);
      const wanted = this.signEntries;
      // The setting entry itself is written under the old mode: the new one starts after it.
      this.signEntries = this.chainSignsEntries();
      if (wanted !== this.signEntries) {
        this.append('setting_change', { setting: ENTRY_SIGNATURES_SETTING, value: wanted });
        this.signEntries = wanted;
      }
    }
    const interval = options.checkpointIntervalMs ?? 10_000;
    this.timer = interval > 0 ? setInterval(() => this.tick(), interval).unref() : undefined;
  }

  get instanceOrigin(): string {
    return this.origin;
  }

  get publicKey(): Buffer {
    return this.key.publicKey;
  }

  /** `name+keyid`, the form verification reports print. */
  get keyLabel(): string {
    return keyLabel(this.key);
  }

  /** Seq the next append will get. */
  get size(): number {
    return this.nextSeq;
  }

  /**
   * Appends one entry and returns its seq. Synchronous and atomic: when it returns the entry
   * is committed. `content` (a payload, personal data) goes to the side table; the body gets
   * its salted digest as `content_digest`, so erase() can remove it later.
   */
  append(kind: AuditKind, body: Record<string, unknown>, content?: Buffer | string): number {
    this.assertWritable(kind);
    if (content === undefined) return this.writeAndFollow(kind, jcs(body));
    return this.appendInTransaction(kind, body, content, undefined);
  }

  /**
   * Appends an entry and runs `apply(seq)` in the same transaction, for state that must change
   * together with its audit record (a registry row, a review's status, a decision's index row).
   * If `apply` or the commit throws, nothing is written and the chain state is restored.
   */
  appendWith(kind: AuditKind, body: Record<string, unknown>, apply: (seq: number) => void, content?: Buffer | string): number {
    this.assertWritable(kind);
    return this.appendInTransaction(kind, body, content, apply);
  }

  /**
   * Appends several entries in one transaction, so they share one commit (one fsync with
   * synchronous=FULL): group commit. Each entry is a savepoint of its own, so one whose
   * `apply` throws is left out alone; the result at its index is then its error, as it is for
   * every entry if the commit itself fails. Otherwise the result is the entry's seq.
   */
  appendMany(requests: readonly AppendRequest[]): (number | Error)[] {
    if (requests.length === 1) {
      // The common case under light load: no savepoint needed around a lone entry.
      const { kind, body, apply, content } = requests[0] as AppendRequest;
      try {
        this.assertWritable(kind);
        return [this.appendInTransaction(kind, body, content, apply)];
      } catch (error) {
        return [asError(error)];
      }
    }
    const results: (number | Error)[] = requests.map(({ kind }) => {
      try {
        this.assertWritable(kind);
        return -1;
      } catch (error) {
        return asError(error);
      }
    });
    try {
      this.atomically(() => {
        requests.forEach(({ kind, body, apply, content }, i) => {
          if (results[i] instanceof Error) return;
          try {
            results[i] = this.atomically(() => this.writeWith(kind, body, content, apply));
          } catch (error) {
            results[i] = asError(error);
          }
        });
      });
    } catch (error) {
      return requests.map(() => asError(error));
    }
    this.afterCommit();
    return results;
  }

  private appendInTransaction(
    kind: string,
    body: Record<string, unknown>,
    content: Buffer | string | undefined,
    apply: ((seq: number) => void) | undefined,
  ): number {
    const seq = this.atomically(() => this.writeWith(kind, body, content, apply));
    this.afterCommit();
    return seq;
  }

  /** Content, entry and the caller's state change; the caller owns the transaction. */
  private writeWith(kind: string, body: Record<string, unknown>, content: Buffer | string | undefined, apply: ((seq: number) => void) | undefined): number {
    let bodyJcs: string;
    if (content === undefined) {
      bodyJcs = jcs(body);
    } else {
      const bytes = contentBytes(content);
      const digest = contentDigest(this.salt, bytes);
      this.writer.putContent(digest, bytes);
      bodyJcs = jcs({ ...body, [CONTENT_FIELD]: digest });
    }
    const written = this.writeEntry(kind, bodyJcs);
    apply?.(written);
    return written;
  }

  /** The digest append() stored content under, for callers that keep it beside their records. */
  digestOf(content: Buffer | string): string {
    return contentDigest(this.salt, contentBytes(content));
  }

  /**
   * GDPR Art. 17: removes the content and appends an `erasure` entry naming its digest and
   * the reason, in one transaction. The chain still verifies; verification counts it erased.
   */
  erase(digest: string, reason: string): number {
    if (this.closed) throw new Error('audit log is closed');
    if (!this.reader.hasContent(digest)) throw new Error(`no content with digest ${digest}`);
    const body: ErasureBody = { digest, reason };
    const seq = this.atomically(() => {
      const erasure = this.writeEntry('erasure', jcs(body));
      if (!this.writer.removeContent(digest)) throw new Error(`content ${digest} could not be removed`);
      return erasure;
    });
    // The WAL still holds earlier images of the pages the content was on: move everything into
    // the database file (where secure_delete zeroed it) and empty the WAL. The background
    // checkpointer may hold the WAL at this instant; emptyWalAfterErasure retries then.
    this.store.walCheckpoint('TRUNCATE');
    this.afterCommit();
    return seq;
  }

  /** Content still held for a digest (undefined once erased). */
  content(digest: string): Buffer | undefined {
    return this.reader.content(digest);
  }

  /**
   * Signs a checkpoint over every entry so far, appends it to the chain, then copies it to
   * the sinks. Returns undefined when nothing was appended since the last one.
   */
  checkpoint(): Checkpoint | undefined {
    if (this.closed || this.nextSeq === this.lastCheckpointSeq + 1) return undefined;
    for (const hash of this.pending) this.frontier.push(hash);
    this.pending = [];
    const size = this.nextSeq;
    const root = this.frontier.root();
    const note = signNote(checkpointText(this.origin, size, root), this.key);
    const body: CheckpointBody = { size, root: root.toString('base64'), frontier: this.frontier.toBase64(), note };
    const seq = this.writeEntry('checkpoint', jcs(body));
    this.lastCheckpointSeq = seq;
    for (const sink of this.sinks) {
      try {
        sink.write(note);
      } catch (error) {
        this.sinkFailed(error);
      }
    }
    return { seq, size, root, note };
  }

  /**
   * Replaces the instance key: checkpoint under the old key, a `key_change` entry signed by
   * the old key naming the new one, the new key file, a checkpoint under the new key.
   */
  rotateKey(passphrase: PassphraseSource | undefined = this.options.passphrase): void {
    if (this.closed) throw new Error('audit log is closed');
    this.checkpoint();
    const next = generateInstanceKey(this.origin);
    const pendingFile = `${this.keyFile}.next`;
    writeInstanceKey(pendingFile, next, passphrase);
    const record = keyRecord(next);
    const previousKeyId = this.key.keyId.toString('hex');
    const signature = this.key.sign(rotationMessage(this.origin, this.nextSeq, record, previousKeyId));
    const body: RotationBody = {
      event: 'rotate',
      key: record,
      previous_key_id: previousKeyId,
      signature: signature.toString('base64'),
    };
    this.writeAndFollow('key_change', jcs(body));
    renameSync(pendingFile, this.keyFile);
    this.key = next;
    this.checkpoint();
  }

  /** Moves WAL pages into the database file; see StoreOptions.walAutocheckpointPages. */
  walCheckpoint(): void {
    this.store.walCheckpoint('PASSIVE');
  }

  /** Clean shutdown: a final checkpoint, then no more appends. Does not close the store. */
  close(): void {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.checkpoint();
    this.closed = true;
    for (const sink of this.sinks) sink.close?.();
  }

  private sinkFailed(error: unknown): void {
    (this.options.onSinkError ?? ((e) => process.emitWarning(`checkpoint sink failed: ${String(e)}`)))(error);
  }

  private tick(): void {
    this.checkpoint();
    this.walCheckpoint();
  }

  private assertWritable(kind: string): void {
    if (this.closed) throw new Error('audit log is closed');
    if (!isValidKind(kind) || RESERVED_KINDS.has(kind)) throw new Error(`cannot append an entry of kind "${kind}"`);
    if (this.store.db.inTransaction) {
      throw new Error('append inside a caller transaction would desynchronise the chain: append outside it');
    }
  }

  private writeAndFollow(kind: string, bodyJcs: string): number {
    const seq = this.writeEntry(kind, bodyJcs);
    this.afterCommit();
    return seq;
  }

  /**
   * Folds the committed entries into the Merkle frontier now, about a microsecond each, rather
   * than a thousand at once at the checkpoint, which would hold up one decision by a millisecond.
   */
  private afterCommit(): void {
    for (const hash of this.pending) this.frontier.push(hash);
    this.pending = [];
    // The last checkpoint, at seq S, covers entries 0..S-1: count what it does not cover.
    if (this.nextSeq - Math.max(0, this.lastCheckpointSeq) >= this.checkpointEvery) this.checkpoint();
  }

  /** A transaction whose failure also rewinds the in-memory head, so memory never runs ahead. */
  private atomically<T>(fn: () => T): T {
    const saved = { nextSeq: this.nextSeq, lastHash: this.lastHash, pending: this.pending.length };
    try {
      return this.writer.transaction(fn);
    } catch (error) {
      this.nextSeq = saved.nextSeq;
      this.lastHash = saved.lastHash;
      this.pending.length = saved.pending;
      throw error;
    }
  }

  /**
   * The hot path. State advances only after the row is in, so a failed insert leaves the
   * chain where it was. Inside a transaction the caller's commit is the last step.
   */
  private writeEntry(kind: string, bodyJcs: string): number {
    const seq = this.nextSeq;
    const ts = this.clock();
    const hash = this.hasher.hash(this.lastHash, seq, ts, kind, this.origin, bodyJcs);
    const sig = this.signEntries ? this.key.sign(Buffer.concat([ENTRY_SIG_BYTES, hash])) : null;
    this.writer.appendEntry(seq, ts, kind, this.origin, bodyJcs, this.lastHash, hash, sig);
    this.lastHash = hash;
    this.nextSeq = seq + 1;
    this.pending.push(hash);
    return seq;
  }

  private loadOrCreateKey(): InstanceKey {
    if (existsSync(this.keyFile)) return readInstanceKey(this.keyFile, this.options.passphrase);
    const origin = this.options.origin ?? `portcullis/${randomBytes(8).toString('hex')}`;
    if (!ORIGIN.test(origin)) throw new Error(`origin "${origin}" must be 1-200 characters without spaces or '+'`);
    const key = generateInstanceKey(origin);
    writeInstanceKey(this.keyFile, key, this.options.passphrase);
    return key;
  }

  /** The chain names the key in force; the key file must hold it (or finish a rotation). */
  private loadKeyFor(keyId: string): InstanceKey {
    const pendingFile = `${this.keyFile}.next`;
    if (existsSync(pendingFile)) {
      const pending = readInstanceKey(pendingFile, this.options.passphrase);
      if (pending.keyId.toString('hex') === keyId) renameSync(pendingFile, this.keyFile);
      else rmSync(pendingFile);
    }
    if (!existsSync(this.keyFile)) throw new Error(`instance key ${this.keyFile} is missing`);
    const key = readInstanceKey(this.keyFile, this.options.passphrase);
    if (key.keyId.toString('hex') !== keyId) {
      throw new Error(`instance key ${this.keyFile} (${keyLabel(key)}) is not the key the audit chain names (${keyId})`);
    }
    return key;
  }

  private chainKeyId(): string {
    const entries = this.reader.ofKind('key_change');
    const body = parseBody(entries[entries.length - 1]?.body ?? '');
    const key = keyFromRecord(body?.key);
    if (!key) throw new Error(`${this.store.file}: cannot read the current key from the audit chain`);
    return key.keyId.toString('hex');
  }

  private chainSignsEntries(): boolean {
    const settings = this.reader.ofKind('setting_change').filter((row) => parseBody(row.body)?.setting === ENTRY_SIGNATURES_SETTING);
    const lastSetting = settings[settings.length - 1];
    if (lastSetting) return parseBody(lastSetting.body)?.value === true;
    const genesis = this.reader.entry(0);
    return parseBody(genesis?.body ?? '')?.entry_signatures === true;
  }

  /** From the newest checkpoint entry's stored compact range, checked against its root. */
  private restoreFrontier(): { frontier: MerkleFrontier; checkpointSeq: number } {
    const row = this.reader.lastOf('checkpoint');
    if (!row) return { frontier: MerkleFrontier.empty(), checkpointSeq: -1 };
    const body = parseBody(row.body) as Partial<CheckpointBody> | undefined;
    const frontier = MerkleFrontier.fromBase64(body?.size ?? -1, body?.frontier ?? []);
    if (frontier.root().toString('base64') !== body?.root) {
      throw new Error(`${this.store.file}: checkpoint at seq ${row.seq} is inconsistent; run verify`);
    }
    return { frontier, checkpointSeq: row.seq };
  }
}

const ENTRY_SIG_BYTES = Buffer.from(ENTRY_SIG_TAG, 'latin1');

export function openAuditLog(store: Store, options: AuditLogOptions): AuditLog {
  return new AuditLog(store, options);
}
