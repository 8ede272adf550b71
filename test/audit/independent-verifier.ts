/**
 * A second verifier written from docs/audit-format.md alone, deliberately naive: full
 * recomputation, the recursive Merkle definition, no shared code with src-main/audit.
 * It answers only "damaged or not, and roughly where" so the product can be checked
 * against it mutation by mutation.
 */
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const sha256 = (...parts: (Buffer | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 6962 MTH over leaf hashes (SHA-256(0x00 ‖ entry hash), computed once per entry). */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function ed25519Verify(pub: Buffer, msg: Buffer, sig: Buffer): boolean {
  const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]), format: 'der', type: 'spki' });
  return sig.length === 64 && verify(null, msg, key, sig);
}

interface Key {
  name: string;
  pub: Buffer;
  id: Buffer;
}

const keyId = (name: string, pub: Buffer) => sha256(name, Buffer.from([0x0a, 0x01]), pub).subarray(0, 4);

function noteVerdict(note: string, origin: string, key: Key): { size: number; root: Buffer } | undefined {
  const [text, sigs] = [note.slice(0, note.indexOf('\n\n') + 1), note.slice(note.indexOf('\n\n') + 2)];
  const [o, size, root] = text.split('\n');
  if (o !== origin || !sigs.endsWith('\n')) return undefined;
  for (const line of sigs.slice(0, -1).split('\n')) {
    const [dash, name, b64] = line.split(' ');
    const blob = Buffer.from(b64 ?? '', 'base64');
    if (dash !== '\u2014' || name !== key.name || blob.toString('base64') !== b64 || !blob.subarray(0, 4).equals(key.id)) continue;
    if (ed25519Verify(key.pub, Buffer.from(text), blob.subarray(4))) return { size: Number(size), root: Buffer.from(root ?? '', 'base64') };
  }
  return undefined;
}

/** The body fields this verifier reads (the document names them). */
interface Body {
  key?: { name: string; public_key: string };
  entry_signatures?: boolean;
  note?: string;
  previous_key_id?: string;
  signature?: string;
  digest?: string;
  setting?: string;
  value?: unknown;
  content_digest?: unknown;
}

export interface IndependentVerdict {
  ok: boolean;
  from: number;
  to: number;
}

export function independentVerify(dataDir: string): IndependentVerdict {
  const db = new Database(path.join(dataDir, 'portcullis.db'), { readonly: true });
  const rows = db.prepare('SELECT seq, ts, kind, origin, body, prev_hash, hash, sig FROM audit_entries ORDER BY seq').all() as {
    seq: number; ts: number; kind: string; origin: string; body: string; prev_hash: Buffer; hash: Buffer; sig: Buffer | null;
  }[];
  const salt = db.prepare("SELECT value FROM audit_secrets WHERE name = 'content_salt'").pluck().get() as Buffer;
  const content = new Map<string, Buffer>();
  for (const r of db.prepare('SELECT digest, content FROM audit_content').all() as { digest: string; content: Buffer }[]) content.set(r.digest, r.content);
  db.close();

  const findings: { from: number; to: number }[] = [];
  const leaves: Buffer[] = [];
  const keys: { after: number; key: Key }[] = [];
  const claims: { size: number; root?: Buffer }[] = [];
  const erased = new Set<string>();
  const referenced: { seq: number; digest: string }[] = [];
  let origin = '';
  let signing = false;
  let expectedPrev: Buffer | undefined;
  const currentKey = () => keys[keys.length - 1]?.key;

  rowLoop: for (let p = 0; p < rows.length; p += 1) {
    const r = rows[p]!;
    let body: Body;
    try {
      body = JSON.parse(r.body);
    } catch {
      findings.push({ from: Math.max(p - 1, 0), to: p });
      break;
    }
    const jcs = canonicalize({ seq: r.seq, ts: r.ts, kind: r.kind, origin: r.origin, body })!;
    if (r.seq !== p) {
      findings.push({ from: p, to: p });
      break;
    }
    if (p === 0) {
      const pub = Buffer.from(body.key?.public_key ?? '', 'base64');
      origin = r.origin;
      expectedPrev = sha256('portcullis/genesis/v1\n', origin, pub);
      keys.push({ after: -1, key: { name: body.key?.name ?? '', pub, id: keyId(body.key?.name ?? '', pub) } });
      signing = body.entry_signatures === true;
    }
    const computed = sha256('portcullis/audit/v1\n', r.prev_hash, jcs);
    if (canonicalize(body) !== r.body || !computed.equals(r.hash) || !r.prev_hash.equals(expectedPrev!) || r.origin !== origin) {
      findings.push({ from: Math.max(p - 1, 0), to: p });
      break;
    }
    if (signing || r.sig) {
      if (!r.sig || !ed25519Verify(currentKey()!.pub, Buffer.concat([Buffer.from('portcullis/entry-sig/v1\n'), r.hash]), r.sig)) {
        findings.push({ from: p, to: p });
        break;
      }
    }
    switch (r.kind) {
      case 'checkpoint': {
        const v = noteVerdict(body.note ?? '', origin, currentKey()!);
        claims.push(v && v.size === p ? { size: p, root: v.root } : { size: p });
        break;
      }
      case 'key_change':
        if (p > 0) {
          const msg = Buffer.from('portcullis/key-change/v1\n' + canonicalize({ key: body.key, origin, previous_key_id: body.previous_key_id, seq: p }));
          if (!body.key || !ed25519Verify(currentKey()!.pub, msg, Buffer.from(body.signature ?? '', 'base64'))) {
            findings.push({ from: p, to: p });
            break rowLoop;
          }
          const pub = Buffer.from(body.key.public_key, 'base64');
          keys.push({ after: p, key: { name: body.key.name, pub, id: keyId(body.key.name, pub) } });
        }
        break;
      case 'erasure':
        erased.add(body.digest ?? '');
        break;
      case 'setting_change':
        if (body.setting === 'audit.entry_signatures') signing = body.value === true;
        break;
      default:
        if (typeof body.content_digest === 'string') referenced.push({ seq: p, digest: body.content_digest });
    }
    leaves.push(sha256(Buffer.from([0]), r.hash));
    expectedPrev = r.hash;
  }
  const reached = findings[0]?.from ?? rows.length;
  for (const { seq, digest } of referenced) {
    const c = content.get(digest);
    if (c ? sha256('portcullis/content/v1\n', salt, c).toString('hex') !== digest : !erased.has(digest)) findings.push({ from: seq, to: seq });
  }
  const outside = [path.join(dataDir, 'checkpoints.log'), path.join(dataDir, 'checkpoint.latest')]
    .filter((f) => existsSync(f))
    .flatMap((f) => readFileSync(f, 'utf8').split(/\n\n(?!\u2014 )/).filter((n) => n !== '').map((n) => (n.endsWith('\n') ? n : `${n}\n`)));
  for (const note of outside) {
    const size = Number(note.split('\n')[1]);
    const key = [...keys].reverse().find((k) => k.after < size)?.key;
    const v = key && noteVerdict(note, origin, key);
    if (!v) findings.push({ from: rows.length, to: rows.length });
    else if (!findings.length && v.size >= rows.length) findings.push({ from: rows.length, to: v.size });
    else claims.push(v);
  }
  claims.sort((a, b) => a.size - b.size);
  const roots = new Map<number, Buffer>();
  const rootAt = (size: number) => roots.get(size) ?? roots.set(size, mth(leaves.slice(0, size))).get(size)!;
  let good = 0;
  for (const c of claims) {
    if (c.size > reached) break;
    if (c.root && rootAt(c.size).equals(c.root)) {
      good = c.size;
      continue;
    }
    findings.push({ from: good, to: c.size });
    break;
  }
  findings.sort((a, b) => a.from - b.from);
  const first = findings[0];
  return first ? { ok: false, ...first } : { ok: true, from: -1, to: -1 };
}
