import type { Migration } from './migration';

/** Live settings by name (e.g. `risk`), saved with the audit entry that changed them. */
export const settingsSchemaV6: Migration = {
  version: 6,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        name       TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
