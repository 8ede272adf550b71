import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirError, lockDataDir } from '../../src-main/engine/data-dir';
import { loadOrCreateOperatorToken, tokenMatches } from '../../src-main/operator/token';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-dd-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('data directory', () => {
  it('is created private (0700) and locked once', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const lock = lockDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(() => lockDataDir(dir)).toThrow(DataDirError);
    lock.release();
    expect(existsSync(join(dir, 'portcullis.lock'))).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = tempDir();
    // PID 2^22+1 is above Linux's pid_max ceiling, so no process has it.
    writeFileSync(join(dir, 'portcullis.lock'), String(4194305));
    const lock = lockDataDir(dir);
    lock.release();
  });
});

describe('operator token', () => {
  it('is created once (0600), reused, and distinct per data directory', () => {
    const a = tempDir();
    const token = loadOrCreateOperatorToken(a);
    expect(token).toMatch(/^pco_[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(a, 'operator-token')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateOperatorToken(a)).toBe(token);
    expect(loadOrCreateOperatorToken(tempDir())).not.toBe(token);
  });

  it('replaces a damaged token file instead of accepting it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'operator-token'), 'short');
    expect(loadOrCreateOperatorToken(dir)).toMatch(/^pco_/);
  });

  it('matches only the exact token', () => {
    expect(tokenMatches('pco_abc', 'pco_abc')).toBe(true);
    expect(tokenMatches('pco_abc', 'pco_abd')).toBe(false);
    expect(tokenMatches('pco_abc', 'pco_abc ')).toBe(false);
    expect(tokenMatches('pco_abc', undefined)).toBe(false);
    expect(tokenMatches('pco_abc', '')).toBe(false);
  });
});
