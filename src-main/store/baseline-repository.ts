import type Database from 'better-sqlite3';
import type { BaselineSnapshot } from '../baseline/agent-baseline';
import type { BaselineRepository } from '../baseline/repository';

export function sqliteBaselineRepository(db: Database.Database, now: () => number = Date.now): BaselineRepository {
  const load = db.prepare('SELECT snapshot FROM baselines WHERE agent_id = ?').pluck();
  const save = db.prepare(`INSERT INTO baselines (agent_id, snapshot, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(agent_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`);
  return {
    load(agentId) {
      const json = load.get(agentId) as string | undefined;
      if (json === undefined) return undefined;
      try {
        return JSON.parse(json) as unknown;
      } catch {
        // A damaged snapshot means relearning this agent, not refusing its actions.
        return undefined;
      }
    },
    save(agentId, snapshot: BaselineSnapshot) {
      save.run(agentId, JSON.stringify(snapshot), now());
    },
  };
}
