/**
 * The baselines of active agents, in memory, backed by a BaselineRepository. Loaded on first use,
 * saved when dirty by flush() (the owner calls it on a timer and at shutdown) or when evicted.
 * At most `maxAgents` baselines stay in memory.
 */
import { AgentBaseline, type BaselineObservation, type BaselineParams } from './agent-baseline';
import { LruMap } from './lru-map';
import type { BaselineRepository } from './repository';

export interface BaselineStoreOptions {
  maxAgents?: number;
  /** Key cap for baselines created or restored; observe() applies the current cap from settings. */
  maxKeys?: number;
  /** Told when a stored snapshot fails validation; the agent then relearns from empty. */
  onInvalidSnapshot?: (agentId: string, error: unknown) => void;
}

export class BaselineStore {
  private readonly cache: LruMap<string, AgentBaseline>;
  private readonly dirty = new Set<string>();
  private readonly maxKeys: number;
  private readonly onInvalidSnapshot: BaselineStoreOptions['onInvalidSnapshot'];

  constructor(
    private readonly repository: BaselineRepository,
    options: BaselineStoreOptions = {},
  ) {
    this.maxKeys = options.maxKeys ?? 256;
    this.onInvalidSnapshot = options.onInvalidSnapshot;
    this.cache = new LruMap(options.maxAgents ?? 10_000, (agentId, baseline) => this.persistIfDirty(agentId, baseline));
  }

  /** The agent's baseline, loading it from the repository or starting an empty one. */
  get(agentId: string): AgentBaseline {
    let baseline = this.cache.get(agentId);
    if (baseline === undefined) {
      baseline = this.restore(agentId);
      this.cache.set(agentId, baseline);
    }
    return baseline;
  }

  observe(agentId: string, observation: BaselineObservation, params: BaselineParams): void {
    this.get(agentId).observe(observation, params);
    this.dirty.add(agentId);
  }

  /** Saves every baseline changed since the last flush. */
  flush(): void {
    for (const agentId of this.dirty) {
      const baseline = this.cache.peek(agentId);
      if (baseline !== undefined) this.repository.save(agentId, baseline.toSnapshot());
    }
    this.dirty.clear();
  }

  get cachedAgents(): number {
    return this.cache.size;
  }

  /**
   * A damaged snapshot means relearning the agent (behavioral signals pause while it learns),
   * not refusing its actions.
   */
  private restore(agentId: string): AgentBaseline {
    const stored = this.repository.load(agentId);
    if (stored === undefined) return AgentBaseline.empty(this.maxKeys);
    try {
      return AgentBaseline.fromSnapshot(stored, this.maxKeys);
    } catch (error) {
      this.onInvalidSnapshot?.(agentId, error);
      return AgentBaseline.empty(this.maxKeys);
    }
  }

  private persistIfDirty(agentId: string, baseline: AgentBaseline): void {
    if (this.dirty.delete(agentId)) this.repository.save(agentId, baseline.toSnapshot());
  }
}
