import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { Attacker, copyDataDir, documentedHash, flipChar } from './attacker';
import { decisionBody, openLog, removeTempDirs, tempDir } from './helpers';
import { independentVerify } from './independent-verifier';

/** Deterministic pseudo-randomness, so a failure names a reproducible case. */
function rng(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    state = (state ^ (state >>> 13)) >>> 0;
    return state % n;
  };
}

const ENTRIES = 2400;
let base: string;
let older: string;
let lastSeq: number;
let lastCheckpoint: number;
let erasureSeq: number;

beforeAll(() => {
  base = tempDir();
  const { store, log, close } = openLog(base, { checkpointEvery: 250 });
  for (let i = 0; i < ENTRIES; i += 1) {
    log.append('decision', decisionBody(i), i % 9 === 0 ? `payload ${i}: bob${i}@example.com` : undefined);
    if (i === 900) {
      older = tempDir();
      store.db.exec(`VACUUM INTO '${path.join(older, 'portcullis.db')}'`);
      for (const f of ['instance.key']) copyFileSync(path.join(base, f), path.join(older, f));
    }
    if (i === 1200) erasureSeq = log.erase(log.digestOf(`payload 1197: bob1197@example.com`), 'GDPR Art. 17 request #7');
    if (i === 1700) log.rotateKey();
  }
  close();
  const report = verifyDataDir({ dataDir: base });
  expect(report.damage).toBeUndefined();
  lastSeq = report.lastSeq;
  lastCheckpoint = report.lastCheckpoint?.seq ?? -1;
}, 60_000);

afterAll(removeTempDirs);

type Mutation = { name: string; apply(dir: string): number };

/** Each mutation returns the first seq it changed (for truncation: the first seq removed). */
function mutations(random: (n: number) => number): Mutation[] {
  const any = () => 1 + random(lastSeq);
  const covered = () => 1 + random(lastCheckpoint - 1);
  const on = (dir: string, f: (a: Attacker) => number) => {
    const attacker = new Attacker(dir);
    try {
      return f(attacker);
    } finally {
      attacker.close();
    }
  };
  return [
    { name: 'edit body', apply: (d) => on(d, (a) => { const k = any(); a.set(k, 'body', flipChar(a.row(k).body, 2 + random(40))); return k; }) },
    { name: 'edit ts', apply: (d) => on(d, (a) => { const k = any(); a.set(k, 'ts', a.row(k).ts + 1); return k; }) },
    { name: 'edit kind', apply: (d) => on(d, (a) => { const k = any(); a.set(k, 'kind', a.row(k).kind === 'decision' ? 'approval' : 'decision'); return k; }) },
    { name: 'edit hash', apply: (d) => on(d, (a) => { const k = any(); const h = Buffer.from(a.row(k).hash); h[random(32)]! ^= 1; a.set(k, 'hash', h); return k; }) },
    { name: 'edit prev_hash', apply: (d) => on(d, (a) => { const k = any(); const h = Buffer.from(a.row(k).prev_hash); h[random(32)]! ^= 0x80; a.set(k, 'prev_hash', h); return k; }) },
    { name: 'delete one', apply: (d) => on(d, (a) => { const k = any(); a.delete(k); return k; }) },
    { name: 'delete range', apply: (d) => on(d, (a) => { const k = any(); a.delete(k, Math.min(k + random(20), lastSeq)); return k; }) },
    { name: 'swap two', apply: (d) => on(d, (a) => { const k = 1 + random(lastSeq - 1); const m = Math.min(k + 1 + random(100), lastSeq); a.swap(k, m); return k; }) },
    {
      name: 'insert forged entry',
      apply: (d) =>
        on(d, (a) => {
          const k = any();
          const prev = a.row(k - 1);
          a.renumber(k, 1);
          const forged = { seq: k, ts: prev.ts, kind: 'decision', origin: prev.origin, body: JSON.stringify({ decision: 'allow' }), prev_hash: prev.hash, sig: null };
          a.insert({ ...forged, hash: documentedHash(prev.hash, forged) });
          return k;
        }),
    },
    { name: 'delete and renumber', apply: (d) => on(d, (a) => { const k = any(); a.delete(k); a.renumber(k + 1, -1); return k; }) },
    { name: 'truncate tail', apply: (d) => on(d, (a) => { const k = any(); a.delete(k, lastSeq); return k; }) },
    {
      name: 'edit and recompute every later hash',
      apply: (d) => on(d, (a) => { const k = covered(); const r = a.row(k); a.set(k, 'body', JSON.stringify({ ...JSON.parse(r.body), forged: true })); a.rehashFrom(k); return k; }),
    },
    {
      name: 'delete, renumber and recompute',
      apply: (d) => on(d, (a) => { const k = covered(); a.delete(k); a.renumber(k + 1, -1); a.rehashFrom(k); return k; }),
    },
    {
      name: 'tamper with content',
      apply: (d) => on(d, (a) => { const digests = a.digests(); const digest = digests[random(digests.length)]!; a.editContent(digest); return a.firstReference(digest); }),
    },
    {
      name: 'delete content without erasure',
      apply: (d) => on(d, (a) => { const digests = a.digests(); const digest = digests[random(digests.length)]!; a.deleteContent(digest); return a.firstReference(digest); }),
    },
    {
      name: 'restore an older copy',
      apply: (d) => {
        rmSync(path.join(d, 'portcullis.db'));
        copyFileSync(path.join(older, 'portcullis.db'), path.join(d, 'portcullis.db'));
        const db = new Database(path.join(d, 'portcullis.db'), { readonly: true });
        const size = db.prepare('SELECT count(*) FROM audit_entries').pluck().get() as number;
        db.close();
        return size;
      },
    },
  ];
}

describe('an attacker with file access', () => {
  it('the untouched log verifies, with the erasure reported as erasure', () => {
    const report = verifyDataDir({ dataDir: base });
    expect(report.damage).toBeUndefined();
    expect(report.erased).toBe(1);
    expect(report.lastSeq).toBeGreaterThan(ENTRIES);
    expect(erasureSeq).toBeGreaterThan(1200);
    expect(independentVerify(base)).toEqual({ ok: true, from: -1, to: -1 });
  });

  const random = rng(20261124);
  const cases = Array.from({ length: 6 }, () => mutations(random)).flat();
  it.each(cases.map((m, i) => [i, m.name, m] as const))('mutation %i (%s) is detected where it happened', (_i, _name, mutation) => {
    const dir = tempDir();
    copyDataDir(base, dir);
    const changed = mutation.apply(dir);
    const report = verifyDataDir({ dataDir: dir });
    const independent = independentVerify(dir);
    const where = `first change at seq ${changed}, reported ${JSON.stringify(report.damage)}`;
    expect(report.damage, where).toBeDefined();
    expect(report.damage!.from, where).toBeLessThanOrEqual(changed);
    expect(report.damage!.to, where).toBeGreaterThanOrEqual(changed);
    if (mutation.name.startsWith('edit ') && !mutation.name.includes('recompute')) {
      expect([report.damage!.from, report.damage!.to], where).toEqual([changed, changed]);
    }
    expect(independent.ok, `independent verifier: ${JSON.stringify(independent)}; ${where}`).toBe(false);
    expect(independent.from, `independent: ${JSON.stringify(independent)}`).toBeLessThanOrEqual(changed);
    expect(independent.to, `independent: ${JSON.stringify(independent)}`).toBeGreaterThanOrEqual(changed);
    rmSync(dir, { recursive: true, force: true });
  });
});
