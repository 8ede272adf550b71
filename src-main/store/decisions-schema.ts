import type { Migration } from './migration';

/**
 * Decisions as agents and approvers look them up by id. The audit chain is the record of
 * truth (`seq` points at the decision's entry); this table is the index and the review state,
 * written in the same transaction as the chain entry.
 */
export const decisionsSchemaV3: Migration = {
  version: 3,
  name: 'decisions and pending reviews',
  up(db) {
    db.exec(`
      CREATE TABLE decisions (
        id          TEXT PRIMARY KEY,
        seq         INTEGER NOT NULL,
        agent_id    TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        verdict     TEXT NOT NULL,
        status      TEXT NOT NULL,
        expires_at  INTEGER,
        response    TEXT NOT NULL,
        resolved_at INTEGER,
        resolved_by TEXT,
        reason      TEXT
      ) STRICT;
      CREATE INDEX decisions_pending ON decisions(expires_at) WHERE status = 'pending';
    `);
  },
};
