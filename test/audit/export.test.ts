import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExportText } from '../../src-main/audit/verify-export';
import { Attacker } from './attacker';
import { run } from './cli-io';
import { decisionBody, openLog, removeTempDirs, tempDir } from './helpers';

let dataDir: string;
let out: string;

beforeAll(() => {
  dataDir = tempDir();
  out = tempDir();
  const { log, close } = openLog(dataDir, { checkpointEvery: 40 });
  for (let i = 0; i < 300; i += 1) log.append('decision', decisionBody(i), i % 5 === 0 ? `payload ${i} "quoted", with comma` : undefined);
  log.erase(log.digestOf('payload 50 "quoted", with comma'), 'erasure request 3');
  log.rotateKey();
  for (let i = 0; i < 20; i += 1) log.append('policy_change', { policy: `p${i}`, version: i });
  close();
});

afterAll(removeTempDirs);

/** Deterministic positions spread over the whole file. */
function positions(length: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * length) / count));
}

function replaceAt(text: string, at: number): string {
  const c = text[at];
  const replacement = c === '0' ? '1' : c === 'a' ? 'b' : c === ' ' ? '  ' : c === '"' ? "'" : c === '\n' ? ' ' : '0';
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

describe.each(['json', 'csv'] as const)('%s export', (format) => {
  let file: string;
  let text: string;

  beforeAll(async () => {
    file = path.join(out, `audit.${format}`);
    const exported = await run('export', { data: dataDir, format, output: file });
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    text = readFileSync(file, 'utf8');
  });

  it('verifies offline with the same verdict as the database', async () => {
    const fromDb = await run('verify', { data: dataDir });
    const fromFile = await run('verify-export', {}, [file]);
    expect(fromDb.code).toBe(0);
    expect(fromFile).toEqual({ code: 0, stdout: fromDb.stdout, stderr: '' });
    expect(fromFile.stdout).toMatch(/^ok: \d+ entries, last checkpoint at seq \d+ \(key portcullis\/[0-9a-f]+\+[0-9a-f]{8}\)\n/);
  });

  it('carries no content, only digests', () => {
    expect(text).not.toContain('payload 10');
    expect(text).toContain('content_digest');
  });

  it('detects a one-character edit anywhere in the file', async () => {
    for (const at of positions(text.length, 120)) {
      const edited = path.join(out, `edited.${format}`);
      writeFileSync(edited, replaceAt(text, at));
      const result = await run('verify-export', {}, [edited]);
      expect(result.code, `edit at ${at} (${JSON.stringify(text.slice(at - 10, at + 10))}) went unnoticed`).not.toBe(0);
    }
  });

  it('verifies a partial range against its checkpoints', async () => {
    const partial = path.join(out, `partial.${format}`);
    expect((await run('export', { data: dataDir, format, from: '100', to: '250', output: partial })).code).toBe(0);
    const result = await run('verify-export', {}, [partial]);
    expect(result.stdout).toMatch(/^ok: 151 entries, last checkpoint at seq 2\d\d /);
  });
});

describe('export and verify commands', () => {
  it('reject bad input with one line and exit 2', async () => {
    const cases = [
      await run('export', { data: dataDir, format: 'xml' }),
      await run('export', { data: path.join(out, 'nowhere'), format: 'json' }),
      await run('export', { data: dataDir, format: 'json', from: 'ten' }),
      await run('export', { data: dataDir, format: 'json', from: '9', to: '3' }),
      await run('verify', {}),
      await run('verify-export', {}, []),
      await run('verify-export', {}, [path.join(out, 'missing.json')]),
    ];
    writeFileSync(path.join(out, 'notes.txt'), 'hello');
    cases.push(await run('verify-export', {}, [path.join(out, 'notes.txt')]));
    for (const result of cases) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^portcullis: [^\n]+\n$/);
    }
  });

  it('verify reports damage with its seq and kind, exit 1', async () => {
    const dir = tempDir();
    const { log, close } = openLog(dir);
    for (let i = 0; i < 50; i += 1) log.append('decision', decisionBody(i));
    close();
    const attacker = new Attacker(dir);
    attacker.set(17, 'body', attacker.row(17).body.replace('"allow"', '"block"').replace('"review"', '"allow"'));
    attacker.close();
    const result = await run('verify', { data: dir });
    expect(result).toEqual({ code: 1, stdout: 'damage: entry-edited at seq 17: seq 17: stored hash does not match its content\n', stderr: '' });
  });

  it('a pinned key that does not match is damage', async () => {
    const result = await run('verify', { data: dataDir, key: 'deadbeef' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^damage: key-mismatch/);
  });

  it('verify-export of a damaged JSON export names the entry', () => {
    const text = readFileSync(path.join(out, 'audit.json'), 'utf8');
    const data = JSON.parse(text);
    data.entries[42].ts += 1;
    const report = verifyExportText(`${JSON.stringify(data)}\n`);
    expect(report.damage).toMatchObject({ kind: 'entry-edited', from: 42, to: 42 });
  });
});
