import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const IMPORTS_ELECTRON = /(?:from\s*['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('layering', () => {
  it('only src-main/desktop and src-preload import electron', () => {
    const offenders = ['src-main', 'src-shared', 'src-renderer/src']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((file) => relative(ROOT, file))
      .filter((file) => !file.startsWith(join('src-main', 'desktop')))
      .filter((file) => IMPORTS_ELECTRON.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check itself recognises an electron import', () => {
    expect(IMPORTS_ELECTRON.test("import { app } from 'electron';")).toBe(true);
    expect(IMPORTS_ELECTRON.test('const { app } = require("electron")')).toBe(true);
    expect(IMPORTS_ELECTRON.test("await import('electron')")).toBe(true);
    expect(IMPORTS_ELECTRON.test("import x from 'electron-vite';")).toBe(false);
  });

  it('the desktop shell does import electron (so the scan is looking at real files)', () => {
    const desktop = sourceFiles(join(ROOT, 'src-main', 'desktop'));
    expect(desktop.some((file) => IMPORTS_ELECTRON.test(readFileSync(file, 'utf8')))).toBe(true);
  });
});
