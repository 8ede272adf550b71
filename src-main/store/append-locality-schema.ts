import type { Migration } from './migration';

/**
 * Every decision commits an audit entry, its payload and its decisions row together, and a
 * commit writes each B-tree page it touched in full to the WAL. Keyed by random values (the
 * content digest, a v4 decision id) every row landed on a different page of an ever larger
 * tree; a 2.5 KB payload in a WITHOUT ROWID table also spilled into overflow pages. Here
 * both tables are keyed by an ever-increasing integer, so appends touch the rightmost pages,
 * and the random keys are small unique indexes. The decisions row no longer repeats the
 * answer: it is rebuilt from the decision's audit entry (engine/decision-entry.ts), so the
 * index cannot disagree with the log.
 */
export const appendLocalitySchemaV7: Migration = {
  version: 7,
  name: 'content and decisions keyed for appends; decisions answer from the audit entry',
  up(db) {
    db.exec(`
      CREATE TABLE audit_content_v7 (
        id      INTEGER PRIMARY KEY,
        digest  TEXT NOT NULL UNIQUE,
        content BLOB NOT NULL
      ) STRICT;
      INSERT INTO audit_content_v7 (digest, content) SELECT digest, content FROM audit_content;
      DROP TABLE audit_content;
      ALTER TABLE audit_content_v7 RENAME TO audit_content;
      CREATE TRIGGER audit_content_no_update BEFORE UPDATE ON audit_content
        BEGIN SELECT RAISE(ABORT, 'audit content is immutable'); END;
      CREATE TRIGGER audit_content_delete_needs_erasure BEFORE DELETE ON audit_content
        WHEN NOT EXISTS (
          SELECT 1 FROM (SELECT kind, body FROM audit_entries ORDER BY seq DESC LIMIT 1)
          WHERE kind = 'erasure' AND json_extract(body, '$.digest') = OLD.digest)
        BEGIN SELECT RAISE(ABORT, 'audit content is removed only by an erasure entry'); END;

      CREATE TABLE decisions_v7 (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        agent_id    TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        verdict     TEXT NOT NULL,
        status      TEXT NOT NULL,
        expires_at  INTEGER,
        resolved_at INTEGER,
        resolved_by TEXT,
        reason      TEXT
      ) STRICT;
      INSERT INTO decisions_v7 (seq, id, agent_id, created_at, verdict, status, expires_at, resolved_at, resolved_by, reason)
        SELECT seq, id, agent_id, created_at, verdict, status, expires_at, resolved_at, resolved_by, reason FROM decisions ORDER BY seq;
      DROP TABLE decisions;
      ALTER TABLE decisions_v7 RENAME TO decisions;
      CREATE INDEX decisions_pending ON decisions(expires_at) WHERE status = 'pending';
    `);
  },
};
