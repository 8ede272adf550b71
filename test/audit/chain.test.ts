import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryEnvelope, EntryHasher } from '../../src-main/audit/entry-hash';
import { jcs } from '../../src-main/audit/jcs';
import { MerkleFrontier } from '../../src-main/audit/merkle';
import { merkleRoot } from './reference-merkle';
import { rawPublicKey } from '../../src-main/audit/ed25519';
import { checkpointText, noteKey, noteKeyId, parseCheckpoint, signNote, verifyCheckpoint } from '../../src-main/audit/signed-note';
import { backgroundFileCheckpointSink, CHECKPOINT_LATEST, readCheckpointFiles } from '../../src-main/audit/checkpoint-sink';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { AuditReader } from '../../src-main/store/audit-reader';
import { Attacker, documentedHash } from './attacker';
import { decisionBody, openLog, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

describe('JCS on the append path', () => {
  it('is byte for byte what the canonicalize package produces', () => {
    const text = fc.string({ unit: 'binary' });
    const value = fc.letrec((tie) => ({
      json: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), text, fc.array(tie('json')), fc.dictionary(text, tie('json'))),
    })).json;
    fc.assert(
      fc.property(value, (v) => {
        expect(jcs(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
    const odd = { z: undefined, a: [undefined, 1e21, -0, 5e-7], d: new Date(0), '\u20ac': 'é\u2028\ud800', é: { b: 1, A: 2 } };
    expect(jcs(odd)).toBe(canonicalize(odd));
    expect(() => jcs({ x: Number.NaN })).toThrow();
  });

  it('takes the JSON.stringify shortcut only where that is JCS', () => {
    // Trees whose keys are already in order (the shortcut), at every depth, with odd leaves.
    const text = fc.string({ unit: 'binary' });
    const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), text, fc.constant(undefined));
    const sortedValue = fc.letrec((tie) => ({
      json: fc.oneof({ depthSize: 'small', maxDepth: 11 }, leaf, fc.array(tie('json')), fc.dictionary(text, tie('json')).map((d) => Object.fromEntries(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : 1))))),
    })).json;
    fc.assert(
      fc.property(sortedValue, (v) => {
        // Wrapped: a bare top-level undefined is an error here and undefined there.
        expect(jcs({ v })).toBe(canonicalize({ v }));
      }),
      { numRuns: 2000 },
    );
    // Looks sorted to a naive check, but JSON.stringify would disagree with JCS on each of these.
    const traps: unknown[] = [
      { a: 1, b: { 9: 'x', 10: 'y' } },
      { a: new String('s'), b: [new Number(2)] },
      { a: Object.assign([1, 2], { toJSON: () => 'array' }) },
      { a: { toJSON: () => ({ z: 1, a: 2 }) } },
      { b: new Map([[1, 2]]) },
      { a: Object.create({ inherited: 1 }) },
      { a: [Infinity] },
    ];
    for (const trap of traps) {
      let expected: string | Error;
      try {
        expected = canonicalize(trap) as string;
      } catch (error) {
        expected = error as Error;
      }
      if (expected instanceof Error) expect(() => jcs(trap)).toThrow();
      else expect(jcs(trap)).toBe(expected);
    }
  });
});

describe('entry hash', () => {
  it('hashes exactly JCS({body, kind, origin, seq, ts}) after the tag and prev_hash', () => {
    const hasher = new EntryHasher();
    const json = fc.jsonValue({ maxDepth: 3 }).map((v) => ({ v }));
    fc.assert(
      fc.property(json, fc.nat(), fc.nat(), fc.string(), fc.string({ minLength: 1 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (body, seq, ts, kind, origin, prevBytes) => {
        const bodyJcs = canonicalize(body) as string;
        expect(entryEnvelope(seq, ts, kind, origin, bodyJcs)).toBe(canonicalize({ seq, ts, kind, origin, body }));
        const prev = Buffer.from(prevBytes);
        expect(hasher.hash(prev, seq, ts, kind, origin, bodyJcs).equals(documentedHash(prev, { seq, ts, kind, origin, body: bodyJcs }))).toBe(true);
        expect(hasher.hashBytes(prev, seq, ts, kind, origin, Buffer.from(bodyJcs))).toBe(hasher.hashText(prev, seq, ts, kind, origin, bodyJcs));
      }),
    );
  });

  it('grows its buffer for large bodies', () => {
    const hasher = new EntryHasher();
    const body = canonicalize({ blob: 'é'.repeat(20_000) }) as string;
    const prev = Buffer.alloc(32, 7);
    expect(hasher.hash(prev, 1, 2, 'decision', 'o', body).equals(documentedHash(prev, { seq: 1, ts: 2, kind: 'decision', origin: 'o', body }))).toBe(true);
  });
});

describe('Merkle compact range', () => {
  it('matches the recursive RFC 6962 definition at every size and survives a round trip', () => {
    const hashes = Array.from({ length: 70 }, (_, i) => createHash('sha256').update(String(i)).digest());
    const frontier = MerkleFrontier.empty();
    expect(frontier.root().equals(createHash('sha256').digest())).toBe(true);
    hashes.forEach((hash, i) => {
      frontier.push(hash);
      expect(frontier.root().equals(merkleRoot(hashes.slice(0, i + 1))), `size ${i + 1}`).toBe(true);
      const copy = MerkleFrontier.fromBase64(frontier.size, frontier.toBase64());
      expect(copy.root().equals(frontier.root())).toBe(true);
    });
  });

  it('rejects a compact range of the wrong shape', () => {
    expect(() => MerkleFrontier.fromBase64(3, [Buffer.alloc(32).toString('base64')])).toThrow(/cannot describe/);
  });
});

/** Flips a bit base64 leaves unused in the last character: same bytes, different text. */
function nonCanonicalSignature(note: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const at = note.lastIndexOf('=') - 1;
  const flipped = alphabet[alphabet.indexOf(note[at] as string) ^ 1] as string;
  return note.slice(0, at) + flipped + note.slice(at + 1);
}

describe('signed checkpoint note', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  const signer = { ...noteKey('example.org/log', raw), sign: (m: Buffer) => sign(null, m, privateKey) };
  const note = signNote(checkpointText('example.org/log', 5, Buffer.alloc(32, 1)), signer);

  it('has the C2SP layout and verifies', () => {
    expect(note).toMatch(/^example\.org\/log\n5\nAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\n\n\u2014 example\.org\/log [A-Za-z0-9+/]+=*\n$/);
    const parsed = parseCheckpoint(note);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(verifyCheckpoint(parsed, [noteKey('example.org/log', raw)])).toMatchObject({ name: 'example.org/log' });
    expect(noteKeyId('example.org/log', raw)).toHaveLength(4);
  });

  it('ignores unknown keys but rejects a bad signature by a known key', () => {
    const other = noteKey('someone.else', Buffer.alloc(32, 9));
    const parsed = parseCheckpoint(note);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(verifyCheckpoint(parsed, [other])).toBe('not signed by a known key');
    const tampered = parseCheckpoint(note.replace('\n5\n', '\n6\n'));
    if (typeof tampered === 'string') throw new Error(tampered);
    expect(verifyCheckpoint(tampered, [noteKey('example.org/log', raw)])).toMatch(/does not verify/);
  });

  it.each([
    ['extension line', note.replace('=\n\n', '=\nextension\n\n')],
    ['leading zero size', note.replace('\n5\n', '\n05\n')],
    ['no blank line', note.replace('\n\n', '\n')],
    ['missing final newline', note.slice(0, -1)],
    ['non-canonical base64', nonCanonicalSignature(note)],
  ])('rejects a note with %s', (_name, bad) => {
    expect(typeof parseCheckpoint(bad)).toBe('string');
  });
});

describe('AuditLog', () => {
  it('appends with contiguous seq from 0, checkpoints every N and at close, copies them out', () => {
    const dir = tempDir();
    const { store, log, close } = openLog(dir, { checkpointEvery: 10 });
    const seqs = Array.from({ length: 25 }, (_, i) => log.append('decision', decisionBody(i)));
    expect(seqs[0]).toBe(1);
    close();
    const reader = new AuditReader(openLog(dir).store.db);
    const rows = [...reader.entries()];
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
    expect(rows.filter((r) => r.kind === 'checkpoint').map((r) => r.seq)).toEqual([10, 20, 28]);
    expect(readCheckpointFiles(dir).filter((n, i, all) => all.indexOf(n) === i)).toHaveLength(3);
    expect(readFileSync(path.join(dir, 'checkpoint.latest'), 'utf8')).toMatch(/\n28\n/);
    expect(store.db.open).toBe(false);
  });

  it('the background file sink keeps every note in order, and reports what it could not write', async () => {
    const dir = tempDir();
    const errors: Error[] = [];
    const sink = backgroundFileCheckpointSink(dir, (error) => errors.push(error));
    const notes = Array.from({ length: 50 }, (_, i) => `example.com/log\n${i + 1}\nroot${i}=\n\n\u2014 example.com/log sig${i}=\n`);
    for (const note of notes) sink.write(note);
    sink.close();
    expect(readCheckpointFiles(dir)).toEqual([...notes, notes[49]]);
    expect(readFileSync(path.join(dir, CHECKPOINT_LATEST), 'utf8')).toBe(notes[49]);
    expect(errors).toEqual([]);

    const broken = backgroundFileCheckpointSink(path.join(dir, 'no', 'such', 'dir'), (error) => errors.push(error));
    broken.write(notes[0] as string);
    await new Promise((resolve) => setTimeout(resolve, 300));
    broken.close();
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/ENOENT/)]);
  });

  it('checkpoints on the timer when something was appended', async () => {
    const dir = tempDir();
    const { log, close } = openLog(dir, { checkpointIntervalMs: 20 });
    log.append('decision', decisionBody(1));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(readCheckpointFiles(dir).length).toBeGreaterThan(0);
    const size = log.size;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(log.size, 'no checkpoint of nothing').toBe(size);
    close();
  });

  it('guards the chain: triggers, reserved kinds, caller transactions', () => {
    const { store, log, close } = openLog(tempDir());
    const seq = log.append('decision', decisionBody(1), 'alice@example.com');
    expect(() => store.db.prepare('UPDATE audit_entries SET ts = 0 WHERE seq = ?').run(seq)).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_entries WHERE seq = ?').run(seq)).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_content').run()).toThrow(/only by an erasure entry/);
    expect(() => store.db.prepare("UPDATE audit_content SET content = x'00'").run()).toThrow(/immutable/);
    for (const kind of ['checkpoint', 'erasure', 'key_change', 'Bad Kind']) expect(() => log.append(kind, {})).toThrow(/cannot append/);
    expect(() => store.db.transaction(() => log.append('decision', {}))()).toThrow(/outside/);
    expect(log.append('decision_outcome', { decision_seq: seq, executed: true })).toBe(seq + 1);
    close();
  });

  it('appendMany commits a batch in one transaction; an entry whose apply fails is left out alone', () => {
    const dir = tempDir();
    const { store, log, close } = openLog(dir, { checkpointEvery: 4 });
    store.db.exec('CREATE TABLE side (seq INTEGER PRIMARY KEY)');
    const side = store.db.prepare('INSERT INTO side VALUES (?)');
    const first = log.size;
    const results = log.appendMany([
      { kind: 'decision', body: decisionBody(1), apply: (seq) => side.run(seq), content: 'payload one' },
      { kind: 'decision', body: decisionBody(2), apply: () => { throw new Error('row refused'); }, content: 'payload two' },
      { kind: 'checkpoint', body: {} },
      { kind: 'decision', body: decisionBody(3), apply: (seq) => side.run(seq) },
      { kind: 'decision_outcome', body: { n: 4 } },
    ]);
    expect(results[0]).toBe(first);
    expect((results[1] as Error).message).toBe('row refused');
    expect((results[2] as Error).message).toMatch(/cannot append/);
    expect(results.slice(3)).toEqual([first + 1, first + 2]);
    expect(store.db.prepare('SELECT seq FROM side ORDER BY seq').pluck().all()).toEqual([first, first + 1]);
    expect(log.content(log.digestOf('payload two')), 'the left-out entry left no content').toBeUndefined();
    // Four entries pending since the genesis checkpoint: the batch triggered one.
    expect(new AuditReader(store.db).lastOf('checkpoint')?.seq).toBe(first + 3);
    expect(log.append('decision', decisionBody(5))).toBe(first + 4);
    close();
    expect(verifyDataDir({ dataDir: dir }).damage).toBeUndefined();
  });

  it('appendMany: a failed commit fails every entry and leaves the chain where it was', () => {
    const dir = tempDir();
    const { store, log, close } = openLog(dir);
    const size = log.size;
    // A deferred constraint fails at COMMIT, after every entry of the batch was written.
    store.db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    store.db.pragma('foreign_keys = ON');
    const orphan = store.db.prepare('INSERT INTO child VALUES (42)');
    const results = log.appendMany([
      { kind: 'decision', body: decisionBody(1) },
      { kind: 'decision', body: decisionBody(2), apply: () => orphan.run() },
    ]);
    expect(results.every((r) => r instanceof Error && /FOREIGN KEY/.test(r.message))).toBe(true);
    expect(log.size).toBe(size);
    expect(log.append('decision', decisionBody(3))).toBe(size);
    close();
    expect(verifyDataDir({ dataDir: dir }).damage).toBeUndefined();
  });

  it('keeps content by salted digest and erases it without breaking the chain', () => {
    const dirA = tempDir();
    const a = openLog(dirA);
    const b = openLog(tempDir());
    const email = 'alice@example.com';
    const seq = a.log.append('decision', { decision: 'review' }, email);
    const digest = a.log.digestOf(email);
    expect(digest).not.toBe(b.log.digestOf(email));
    expect(digest).not.toBe(createHash('sha256').update(email).digest('hex'));
    expect(a.log.content(digest)?.toString()).toBe(email);
    const erasure = a.log.erase(digest, 'GDPR Art. 17 request 12');
    expect(erasure).toBeGreaterThan(seq);
    expect(a.log.content(digest)).toBeUndefined();
    expect(() => a.log.erase(digest, 'again')).toThrow(/no content/);
    a.close();
    b.close();
    const report = verifyDataDir({ dataDir: dirA });
    expect(report.damage).toBeUndefined();
    expect(report.erased).toBe(1);
  });

  it('reopens where it stopped, with the Merkle state restored', () => {
    const dir = tempDir();
    const first = openLog(dir, { checkpointEvery: 7 });
    for (let i = 0; i < 30; i += 1) first.log.append('decision', decisionBody(i));
    first.close();
    const second = openLog(dir, { checkpointEvery: 1000 });
    const origin = second.log.instanceOrigin;
    for (let i = 0; i < 12; i += 1) second.log.append('decision', decisionBody(i));
    const checkpoint = second.log.checkpoint();
    const hashes = new AuditReader(second.store.db).hashes(0, checkpoint!.size);
    expect(checkpoint!.root.equals(merkleRoot(hashes))).toBe(true);
    expect(checkpoint!.note.startsWith(`${origin}\n${checkpoint!.size}\n`)).toBe(true);
    second.close();
    expect(verifyDataDir({ dataDir: dir }).damage).toBeUndefined();
  });

  it('encrypts the key file under a passphrase, 0600, and demands it back', () => {
    const dir = tempDir();
    const keyFile = path.join(tempDir(), 'keys', 'portcullis.key');
    const passphrase = () => 'correct horse battery staple';
    openLog(dir, { keyFile, passphrase }).close();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const stored = readFileSync(keyFile, 'utf8');
    expect(stored).toContain('scrypt-aes-256-gcm');
    expect(stored).not.toContain('pkcs8');
    expect(existsSync(path.join(dir, 'instance.key'))).toBe(false);
    expect(() => openLog(dir, { keyFile })).toThrow(/encrypted: a passphrase is required/);
    expect(() => openLog(dir, { keyFile, passphrase: () => 'wrong' })).toThrow(/wrong passphrase/);
    openLog(dir, { keyFile, passphrase }).close();
    expect(verifyDataDir({ dataDir: dir, keyFile }).damage).toBeUndefined();
  });

  it('rotates the key with an entry signed by the old key, and refuses a stale key file', () => {
    const dir = tempDir();
    const { log, close } = openLog(dir);
    log.append('decision', decisionBody(1));
    const before = log.keyLabel;
    const oldKeyFile = readFileSync(path.join(dir, 'instance.key'));
    log.rotateKey();
    expect(log.keyLabel).not.toBe(before);
    log.append('decision', decisionBody(2));
    close();
    const report = verifyDataDir({ dataDir: dir });
    expect(report.damage).toBeUndefined();
    expect(report.lastCheckpoint?.key).toBe(report.key);
    expect(report.key).not.toBe(before);
    writeFileSync(path.join(dir, 'instance.key'), oldKeyFile);
    expect(() => openLog(dir)).toThrow(/is not the key the audit chain names/);
    expect(verifyDataDir({ dataDir: dir }).damage?.kind).toBe('key-mismatch');
  });

  it('with entry signatures, names the exact entry even after a full rewrite', () => {
    const dir = tempDir();
    const { log, close } = openLog(dir, { signEntries: true, checkpointEvery: 50 });
    for (let i = 0; i < 120; i += 1) log.append('decision', decisionBody(i));
    close();
    expect(verifyDataDir({ dataDir: dir }).damage).toBeUndefined();
    const attacker = new Attacker(dir);
    attacker.set(37, 'body', JSON.stringify({ ...JSON.parse(attacker.row(37).body), decision: 'allow', forged: 1 }));
    attacker.rehashFrom(37);
    attacker.close();
    expect(verifyDataDir({ dataDir: dir }).damage).toMatchObject({ kind: 'entry-signature-invalid', from: 37, to: 37 });
  });

  it('without them, the same rewrite is located to the range between two checkpoints', () => {
    const dir = tempDir();
    const { log, close } = openLog(dir, { checkpointEvery: 50 });
    for (let i = 0; i < 120; i += 1) log.append('decision', decisionBody(i));
    close();
    const attacker = new Attacker(dir);
    attacker.set(37, 'body', JSON.stringify({ ...JSON.parse(attacker.row(37).body), decision: 'allow', forged: 1 }));
    attacker.rehashFrom(37);
    attacker.close();
    expect(verifyDataDir({ dataDir: dir }).damage).toMatchObject({ kind: 'chain-recomputed', from: 0, to: 49 });
  });

  it('turning entry signatures on and off is itself recorded, and the chain still verifies', () => {
    const dir = tempDir();
    const first = openLog(dir);
    first.log.append('decision', decisionBody(1));
    first.close();
    for (const signEntries of [true, false, true]) {
      const { log, close } = openLog(dir, { signEntries });
      log.append('decision', decisionBody(2));
      close();
    }
    const last = openLog(dir, { signEntries: true });
    const rows = [...new AuditReader(last.store.db).entries()];
    last.close();
    expect(rows.filter((r) => r.kind === 'setting_change')).toHaveLength(3);
    expect(rows.filter((r) => r.sig !== null).length).toBeGreaterThan(3);
    expect(verifyDataDir({ dataDir: dir }).damage).toBeUndefined();
  });

  it('verifies read-only while the log is open and writing', () => {
    const dir = tempDir();
    const { log, close } = openLog(dir, { checkpointEvery: 20 });
    for (let i = 0; i < 50; i += 1) log.append('decision', decisionBody(i));
    const live = verifyDataDir({ dataDir: dir });
    expect(live.damage).toBeUndefined();
    expect(live.lastSeq).toBe(log.size - 1);
    expect(live.unanchored).toBeGreaterThan(0);
    log.append('decision', decisionBody(51));
    close();
    expect(verifyDataDir({ dataDir: dir })).toMatchObject({ unanchored: 0, lastSeq: live.lastSeq + 2 });
  });

  it('supports synchronous FULL and WAL checkpoints off the hot path', () => {
    const { store, log, close } = openLog(tempDir(), {}, { synchronous: 'FULL', walAutocheckpointPages: 0 });
    for (let i = 0; i < 20; i += 1) log.append('decision', decisionBody(i));
    log.walCheckpoint();
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    close();
  });
});
