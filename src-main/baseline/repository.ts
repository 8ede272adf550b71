/**
 * Persistence of baselines. Synchronous on purpose: the decision path is synchronous and the
 * production store (better-sqlite3) is too. Implementations store the snapshot as opaque JSON;
 * AgentBaseline.fromSnapshot validates it on the way back.
 */
import type { BaselineSnapshot } from './agent-baseline';

export interface BaselineRepository {
  /** The stored snapshot, or undefined for an agent never saved. May return unvalidated JSON. */
  load(agentId: string): unknown;
  save(agentId: string, snapshot: BaselineSnapshot): void;
}

/** For tests and for running without a database. Stores copies so callers cannot alias state. */
export class InMemoryBaselineRepository implements BaselineRepository {
  private readonly snapshots = new Map<string, string>();

  load(agentId: string): unknown {
    const json = this.snapshots.get(agentId);
    return json === undefined ? undefined : JSON.parse(json);
  }

  save(agentId: string, snapshot: BaselineSnapshot): void {
    this.snapshots.set(agentId, JSON.stringify(snapshot));
  }

  get size(): number {
    return this.snapshots.size;
  }
}
