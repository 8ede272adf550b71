import type { Migration } from './migration';

/**
 * Audit tables. The triggers only stop application bugs: anyone with the file can drop
 * them, which is why the chain and the signed checkpoints (src-main/audit) are the control.
 * Content rows may be deleted only by the erasure entry appended just before, in the same
 * transaction (see AuditWriter.erase).
 */
export const auditSchemaV1: Migration = {
  version: 1,
  name: 'audit log: chained entries, content by digest, instance secrets',
  up(db) {
    db.exec(`
      CREATE TABLE audit_entries (
        seq       INTEGER PRIMARY KEY,
        ts        INTEGER NOT NULL,
        kind      TEXT    NOT NULL,
        origin    TEXT    NOT NULL,
        body      TEXT    NOT NULL,
        prev_hash BLOB    NOT NULL,
        hash      BLOB    NOT NULL,
        sig       BLOB
      ) STRICT;
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

      CREATE TABLE audit_content (
        digest  TEXT PRIMARY KEY,
        content BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER audit_content_no_update BEFORE UPDATE ON audit_content
        BEGIN SELECT RAISE(ABORT, 'audit content is immutable'); END;
      CREATE TRIGGER audit_content_delete_needs_erasure BEFORE DELETE ON audit_content
        WHEN NOT EXISTS (
          SELECT 1 FROM (SELECT kind, body FROM audit_entries ORDER BY seq DESC LIMIT 1)
          WHERE kind = 'erasure' AND json_extract(body, '$.digest') = OLD.digest)
        BEGIN SELECT RAISE(ABORT, 'audit content is removed only by an erasure entry'); END;

      CREATE TABLE audit_secrets (
        name  TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER audit_secrets_no_update BEFORE UPDATE ON audit_secrets
        BEGIN SELECT RAISE(ABORT, 'audit secrets are immutable'); END;
      CREATE TRIGGER audit_secrets_no_delete BEFORE DELETE ON audit_secrets
        BEGIN SELECT RAISE(ABORT, 'audit secrets are immutable'); END;
    `);
  },
};
