import type { Migration } from './migration';

/**
 * Policy modules, every version kept (publishing never overwrites), and versions of the base
 * `data` document policies read their settings from.
 */
export const policiesSchemaV5: Migration = {
  version: 5,
  name: 'policy library',
  up(db) {
    db.exec(`
      CREATE TABLE policy_versions (
        id          TEXT NOT NULL,
        version     INTEGER NOT NULL,
        name        TEXT NOT NULL,
        package     TEXT NOT NULL,
        scope       TEXT NOT NULL,
        scope_value TEXT,
        priority    INTEGER NOT NULL,
        guardrail   INTEGER NOT NULL,
        mode        TEXT NOT NULL,
        source      TEXT NOT NULL,
        author      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        retired     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (id, version)
      ) STRICT;
      CREATE TABLE policy_data_versions (
        version    INTEGER PRIMARY KEY,
        data       TEXT NOT NULL,
        author     TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
