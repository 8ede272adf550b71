import type { Migration } from './migration';

/** The agent registry: identities and the hashes of their keys (never the keys). */
export const agentsSchemaV2: Migration = {
  version: 2,
  name: 'agent registry',
  up(db) {
    db.exec(`
      CREATE TABLE agents (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        role         TEXT NOT NULL,
        org_unit     TEXT NOT NULL,
        environment  TEXT NOT NULL,
        tags         TEXT NOT NULL,
        window       TEXT,
        key_prefix   TEXT NOT NULL,
        key_hash     TEXT NOT NULL UNIQUE,
        created_at   TEXT NOT NULL,
        created_by   TEXT NOT NULL,
        revoked_at   TEXT,
        revoked_by   TEXT
      ) STRICT;
      -- One active agent per name, so operators can address agents by name.
      CREATE UNIQUE INDEX agents_active_name ON agents(name) WHERE revoked_at IS NULL;
    `);
  },
};
