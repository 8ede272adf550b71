import type Database from 'better-sqlite3';
import type { AgentContext } from '../../src-shared/action';

/** An agent as the registry stores it: identity plus key metadata, never the key. */
export interface AgentRecord extends AgentContext {
  keyPrefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

interface AgentRow {
  id: string;
  name: string;
  role: string;
  org_unit: string;
  environment: string;
  tags: string;
  window: string | null;
  key_prefix: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

const fromRow = (row: AgentRow): AgentRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  org_unit: row.org_unit,
  environment: row.environment,
  tags: JSON.parse(row.tags) as string[],
  ...(row.window === null ? {} : { window: row.window }),
  keyPrefix: row.key_prefix,
  createdAt: row.created_at,
  createdBy: row.created_by,
  ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  ...(row.revoked_by === null ? {} : { revokedBy: row.revoked_by }),
});

export interface AgentRepository {
  insert(agent: AgentRecord, keyHash: string): void;
  /** All agents, revoked ones included, oldest first. */
  all(): AgentRecord[];
  /** The active agent with this id or name. */
  findActive(idOrName: string): AgentRecord | undefined;
  /** Active agents with their key hashes, to build the in-memory authentication map. */
  activeKeyHashes(): { keyHash: string; agent: AgentRecord }[];
  markRevoked(id: string, at: string, by: string): void;
}

export function sqliteAgentRepository(db: Database.Database): AgentRepository {
  const insert = db.prepare(`INSERT INTO agents
    (id, name, role, org_unit, environment, tags, window, key_prefix, key_hash, created_at, created_by)
    VALUES (@id, @name, @role, @org_unit, @environment, @tags, @window, @key_prefix, @key_hash, @created_at, @created_by)`);
  const all = db.prepare('SELECT * FROM agents ORDER BY created_at, rowid');
  const findActive = db.prepare('SELECT * FROM agents WHERE revoked_at IS NULL AND (id = ? OR name = ?)');
  const active = db.prepare('SELECT * FROM agents WHERE revoked_at IS NULL');
  const revoke = db.prepare('UPDATE agents SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL');
  return {
    insert: (agent, keyHash) =>
      insert.run({
        id: agent.id,
        name: agent.name,
        role: agent.role,
        org_unit: agent.org_unit,
        environment: agent.environment,
        tags: JSON.stringify(agent.tags),
        window: agent.window ?? null,
        key_prefix: agent.keyPrefix,
        key_hash: keyHash,
        created_at: agent.createdAt,
        created_by: agent.createdBy,
      }),
    all: () => (all.all() as AgentRow[]).map(fromRow),
    findActive: (idOrName) => {
      const row = findActive.get(idOrName, idOrName) as AgentRow | undefined;
      return row && fromRow(row);
    },
    activeKeyHashes: () =>
      (active.all() as (AgentRow & { key_hash: string })[]).map((row) => ({ keyHash: row.key_hash, agent: fromRow(row) })),
    markRevoked: (id, at, by) => {
      revoke.run(at, by, id);
    },
  };
}
