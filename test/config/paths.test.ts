import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src-main/config/paths';
import { findRendererDir } from '../../src-main/config/renderer-dir';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe('default data directory', () => {
  it('PORTCULLIS_DATA wins everywhere', () => {
    expect(defaultDataDir({ PORTCULLIS_DATA: '/srv/pc' }, 'linux', '/home/u')).toBe('/srv/pc');
    expect(defaultDataDir({ PORTCULLIS_DATA: 'D:\\pc' }, 'win32', 'C:\\Users\\u')).toBe('D:\\pc');
  });
  it('follows each OS convention', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/portcullis');
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/portcullis');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Portcullis');
    expect(defaultDataDir({ APPDATA: '/appdata' }, 'win32', '/home/u')).toBe(join('/appdata', 'Portcullis'));
  });
});

describe('renderer location', () => {
  it('finds out/renderer from a bundled chunk and from the source tree', () => {
    const root = mkdtempSync(join(tmpdir(), 'portcullis-rd-'));
    try {
      mkdirSync(join(root, 'out', 'renderer'), { recursive: true });
      mkdirSync(join(root, 'out', 'main', 'chunks'), { recursive: true });
      mkdirSync(join(root, 'src-main', 'server'), { recursive: true });
      writeFileSync(join(root, 'out', 'renderer', 'index.html'), '');
      const expected = join(root, 'out', 'renderer');
      expect(findRendererDir(join(root, 'out', 'main', 'chunks', 'service.js'))).toBe(expected);
      expect(findRendererDir(join(root, 'out', 'main', 'cli.js'))).toBe(expected);
      expect(findRendererDir(join(root, 'src-main', 'config', 'renderer-dir.ts'))).toBe(expected);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
