import type Database from 'better-sqlite3';
import type { DecisionStatus, EvaluateResponse } from '../../src-shared/agent-api';

export interface DecisionRecord {
  id: string;
  seq: number;
  agentId: string;
  createdAt: number;
  status: DecisionStatus;
  expiresAt?: number;
  response: EvaluateResponse;
  resolvedAt?: number;
  resolvedBy?: string;
  reason?: string;
}

interface DecisionRow {
  id: string;
  seq: number;
  agent_id: string;
  created_at: number;
  verdict: string;
  status: string;
  expires_at: number | null;
  response: string;
  resolved_at: number | null;
  resolved_by: string | null;
  reason: string | null;
}

const fromRow = (row: DecisionRow): DecisionRecord => ({
  id: row.id,
  seq: row.seq,
  agentId: row.agent_id,
  createdAt: row.created_at,
  status: row.status as DecisionStatus,
  ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
  response: JSON.parse(row.response) as EvaluateResponse,
  ...(row.resolved_at === null ? {} : { resolvedAt: row.resolved_at }),
  ...(row.resolved_by === null ? {} : { resolvedBy: row.resolved_by }),
  ...(row.reason === null ? {} : { reason: row.reason }),
});

export interface DecisionRepository {
  insert(record: DecisionRecord): void;
  get(id: string): DecisionRecord | undefined;
  /** Pending reviews, oldest first. */
  pending(): DecisionRecord[];
  /** The newest decisions first, at most `limit`, optionally only one verdict. */
  recent(limit: number, verdict?: string): DecisionRecord[];
  /** Pending reviews whose expiry has passed. */
  expired(now: number): DecisionRecord[];
  /** Moves a pending review to its final status; false if it was no longer pending. */
  resolve(id: string, status: DecisionStatus, verdict: string, at: number, by: string, reason: string | undefined): boolean;
}

export function sqliteDecisionRepository(db: Database.Database): DecisionRepository {
  const insert = db.prepare(`INSERT INTO decisions (id, seq, agent_id, created_at, verdict, status, expires_at, response)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const get = db.prepare('SELECT * FROM decisions WHERE id = ?');
  const pending = db.prepare("SELECT * FROM decisions WHERE status = 'pending' ORDER BY created_at");
  const recent = db.prepare('SELECT * FROM decisions ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const recentOf = db.prepare('SELECT * FROM decisions WHERE verdict = ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
  const expired = db.prepare("SELECT * FROM decisions WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at");
  const resolve = db.prepare(`UPDATE decisions SET status = ?, verdict = ?, resolved_at = ?, resolved_by = ?, reason = ?,
    response = json_set(response, '$.status', ?, '$.decision', ?) WHERE id = ? AND status = 'pending'`);
  return {
    insert: (r) =>
      insert.run(r.id, r.seq, r.agentId, r.createdAt, r.response.decision, r.status, r.expiresAt ?? null, JSON.stringify(r.response)),
    get: (id) => {
      const row = get.get(id) as DecisionRow | undefined;
      return row && fromRow(row);
    },
    pending: () => (pending.all() as DecisionRow[]).map(fromRow),
    recent: (limit, verdict) => ((verdict === undefined ? recent.all(limit) : recentOf.all(verdict, limit)) as DecisionRow[]).map(fromRow),
    expired: (now) => (expired.all(now) as DecisionRow[]).map(fromRow),
    resolve: (id, status, verdict, at, by, reason) =>
      resolve.run(status, verdict, at, by, reason ?? null, status, verdict, id).changes === 1,
  };
}
