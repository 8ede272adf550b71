import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFile, openStore, openStoreReadonly } from '../../src-main/store/database';
import { migrations } from '../../src-main/store/migrations';
import type { Migration } from '../../src-main/store/migrations';
import { latestVersion, SchemaTooNewError } from '../../src-main/store/migration';
import { removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

/** Other capabilities register steps too: tests add theirs after whatever is there. */
const latest = latestVersion(migrations);
const next = latest + 1;

describe('migrations', () => {
  it('a database with a newer schema is refused with a clear message and left unaltered', () => {
    const dir = tempDir();
    openStore(dir).close();
    const db = new Database(databaseFile(dir));
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${next + 50}`);
    db.close();
    const before = readFileSync(databaseFile(dir));

    expect(() => openStore(dir)).toThrow(SchemaTooNewError);
    expect(() => openStore(dir)).toThrow(`schema version ${next + 50} is newer than this Portcullis understands (${latest}); refusing to open it`);
    expect(() => openStoreReadonly(dir)).toThrow(SchemaTooNewError);
    expect(readFileSync(databaseFile(dir)).equals(before)).toBe(true);
  });

  it('applies registered steps in order, once, each recorded with its version', () => {
    const dir = tempDir();
    openStore(dir).close();
    const widgets: Migration = {
      version: next,
      name: 'widgets',
      up: (db) => db.exec('CREATE TABLE widgets (id TEXT PRIMARY KEY)'),
    };
    const store = openStore(dir, { migrations: [...migrations, widgets] });
    expect(store.db.pragma('user_version', { simple: true })).toBe(next);
    store.db.prepare("INSERT INTO widgets VALUES ('w1')").run();
    store.close();
    const again = openStore(dir, { migrations: [...migrations, widgets] });
    expect(again.db.prepare('SELECT count(*) FROM widgets').pluck().get()).toBe(1);
    again.close();
    expect(() => openStore(dir)).toThrow(SchemaTooNewError);
  });

  it('a failing step leaves the previous version in place', () => {
    const dir = tempDir();
    const broken: Migration = {
      version: next,
      name: 'broken',
      up: (db) => db.exec('CREATE TABLE half (x); SELECT no_such_function();'),
    };
    expect(() => openStore(dir, { migrations: [...migrations, broken] })).toThrow(/no_such_function/);
    const store = openStore(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(latest);
    expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    store.close();
  });

  it('versions must increase', () => {
    const step = (version: number): Migration => ({ version, name: `v${version}`, up: () => undefined });
    expect(() => openStore(tempDir(), { migrations: [step(1), step(1)] })).toThrow(/versions must be integers increasing/);
    expect(() => openStore(tempDir(), { migrations: [step(2), step(1)] })).toThrow(/versions must be integers increasing/);
  });

  it('opens in WAL mode with the requested durability', () => {
    const store = openStore(tempDir(), { synchronous: 'FULL', walAutocheckpointPages: 0 });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    store.close();
  });
});
