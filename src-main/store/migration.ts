import type Database from 'better-sqlite3';

/** One schema step. Versions are global to the database file, strictly increasing. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Thrown when the file was written by a newer Portcullis: we refuse rather than guess. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `database schema version ${found} is newer than this Portcullis understands (${known}); ` +
        'refusing to open it (the file was not changed): upgrade Portcullis',
    );
  }
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export function assertWellOrdered(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`migration "${m.name}" has version ${m.version}; versions must be integers increasing from 1`);
    }
    previous = m.version;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Reads only: call before anything that could write, so a refused file stays byte-identical. */
export function assertSchemaNotNewer(db: Database.Database, migrations: readonly Migration[]): void {
  const found = schemaVersion(db);
  const known = latestVersion(migrations);
  if (found > known) throw new SchemaTooNewError(found, known);
}

/** Applies each pending step in its own transaction, recording the version with it. */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): void {
  assertWellOrdered(migrations);
  assertSchemaNotNewer(db, migrations);
  const current = schemaVersion(db);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
