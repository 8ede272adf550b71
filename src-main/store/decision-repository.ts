import type Database from 'better-sqlite3';
import type { DecisionStatus, EvaluateResponse } from '../../src-shared/agent-api';
import type { Verdict } from '../../src-shared/decision';
import { responseFromEntry, type DecisionEntryBody } from '../engine/decision-entry';

export interface DecisionRecord {
  id: string;
  seq: number;
  agentId: string;
  createdAt: number;
  status: DecisionStatus;
  expiresAt?: number;
  response: EvaluateResponse;
  /** The decision's audit entry body, parsed (agent, action, content digest, …). */
  entry: DecisionEntryBody & { content_digest?: string };
  resolvedAt?: number;
  resolvedBy?: string;
  reason?: string;
}

/** What a decision adds beside its audit entry: the index row and the review state. */
export interface NewDecision {
  id: string;
  seq: number;
  agentId: string;
  createdAt: number;
  verdict: Verdict;
  status: DecisionStatus;
  expiresAt?: number;
}

interface DecisionRow {
  id: string;
  seq: number;
  agent_id: string;
  created_at: number;
  verdict: string;
  status: string;
  expires_at: number | null;
  resolved_at: number | null;
  resolved_by: string | null;
  reason: string | null;
  body: string;
}

const fromRow = (row: DecisionRow): DecisionRecord => {
  const entry = JSON.parse(row.body) as DecisionRecord['entry'];
  const status = row.status as DecisionStatus;
  return {
    id: row.id,
    seq: row.seq,
    agentId: row.agent_id,
    createdAt: row.created_at,
    status,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    response: responseFromEntry(entry, { decision: row.verdict as Verdict, status }),
    entry,
    ...(row.resolved_at === null ? {} : { resolvedAt: row.resolved_at }),
    ...(row.resolved_by === null ? {} : { resolvedBy: row.resolved_by }),
    ...(row.reason === null ? {} : { reason: row.reason }),
  };
};

export interface DecisionRepository {
  insert(decision: NewDecision): void;
  get(id: string): DecisionRecord | undefined;
  /** Pending reviews, oldest first. */
  pending(): DecisionRecord[];
  /** Pending reviews still waiting for a human. */
  pendingCount(): number;
  /** The newest decisions first, at most `limit`, optionally only one verdict. */
  recent(limit: number, verdict?: string): DecisionRecord[];
  /** Pending reviews whose expiry has passed. */
  expired(now: number): DecisionRecord[];
  /** Moves a pending review to its final status; false if it was no longer pending. */
  resolve(id: string, status: DecisionStatus, verdict: string, at: number, by: string, reason: string | undefined): boolean;
}

// The answer lives in the audit entry (the record of truth); the row adds the review state.
const SELECT = 'SELECT d.*, e.body AS body FROM decisions d JOIN audit_entries e ON e.seq = d.seq';

export function sqliteDecisionRepository(db: Database.Database): DecisionRepository {
  const insert = db.prepare(`INSERT INTO decisions (seq, id, agent_id, created_at, verdict, status, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const get = db.prepare(`${SELECT} WHERE d.id = ?`);
  const pending = db.prepare(`${SELECT} WHERE d.status = 'pending' ORDER BY d.created_at, d.seq`);
  const pendingCount = db.prepare("SELECT count(*) FROM decisions WHERE status = 'pending'").pluck();
  const recent = db.prepare(`${SELECT} ORDER BY d.seq DESC LIMIT ?`);
  const recentOf = db.prepare(`${SELECT} WHERE d.verdict = ? ORDER BY d.seq DESC LIMIT ?`);
  const expired = db.prepare(`${SELECT} WHERE d.status = 'pending' AND d.expires_at <= ? ORDER BY d.expires_at`);
  const resolve = db.prepare(`UPDATE decisions SET status = ?, verdict = ?, resolved_at = ?, resolved_by = ?, reason = ?
    WHERE id = ? AND status = 'pending'`);
  return {
    insert: (d) => insert.run(d.seq, d.id, d.agentId, d.createdAt, d.verdict, d.status, d.expiresAt ?? null),
    get: (id) => {
      const row = get.get(id) as DecisionRow | undefined;
      return row && fromRow(row);
    },
    pending: () => (pending.all() as DecisionRow[]).map(fromRow),
    pendingCount: () => pendingCount.get() as number,
    recent: (limit, verdict) => ((verdict === undefined ? recent.all(limit) : recentOf.all(verdict, limit)) as DecisionRow[]).map(fromRow),
    expired: (now) => (expired.all(now) as DecisionRow[]).map(fromRow),
    resolve: (id, status, verdict, at, by, reason) => resolve.run(status, verdict, at, by, reason ?? null, id).changes === 1,
  };
}
