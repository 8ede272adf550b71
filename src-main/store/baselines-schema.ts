import type { Migration } from './migration';

/** Per-agent behavioral baselines, saved as JSON snapshots (validated when loaded back). */
export const baselinesSchemaV4: Migration = {
  version: 4,
  name: 'behavioral baselines',
  up(db) {
    db.exec(`
      CREATE TABLE baselines (
        agent_id   TEXT PRIMARY KEY,
        snapshot   TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
