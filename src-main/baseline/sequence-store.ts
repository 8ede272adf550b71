/**
 * Recent-action rings per agent and per session, in memory only. Both the number of rings and
 * each ring's length are bounded, so memory stays flat however many agents and sessions pass
 * through: the least recently active agent or session is forgotten first.
 * The session ring matters when one agent runs many sessions: a session's own history survives
 * even after the agent ring has moved on.
 */
import { EventRing } from './event-ring';
import { LruMap } from './lru-map';

export interface SequenceStoreOptions {
  /** Events kept per agent (default 64). */
  agentEvents?: number;
  /** Events kept per session (default 32). */
  sessionEvents?: number;
  /** Agents kept (default 10 000). */
  maxAgents?: number;
  /** Sessions kept (default 20 000). */
  maxSessions?: number;
}

/** What the sequence factor reads: the agent's and the session's rings, when they exist. */
export interface SequenceView {
  agent: EventRing | undefined;
  session: EventRing | undefined;
}

export class SequenceStore {
  private readonly agents: LruMap<string, EventRing>;
  private readonly sessions: LruMap<string, EventRing>;
  private readonly agentEvents: number;
  private readonly sessionEvents: number;

  constructor(options: SequenceStoreOptions = {}) {
    this.agentEvents = options.agentEvents ?? 64;
    this.sessionEvents = options.sessionEvents ?? 32;
    this.agents = new LruMap(options.maxAgents ?? 10_000);
    this.sessions = new LruMap(options.maxSessions ?? 20_000);
  }

  /** Read-only view for assessment; does not change recency. */
  view(agentId: string, sessionId: string | undefined): SequenceView {
    return {
      agent: this.agents.peek(agentId),
      session: sessionId === undefined ? undefined : this.sessions.peek(sessionKey(agentId, sessionId)),
    };
  }

  record(agentId: string, sessionId: string | undefined, at: number, flags: number, tool: string, target: string): void {
    ringIn(this.agents, agentId, this.agentEvents).push(at, flags, tool, target);
    if (sessionId !== undefined) ringIn(this.sessions, sessionKey(agentId, sessionId), this.sessionEvents).push(at, flags, tool, target);
  }

  get agentCount(): number {
    return this.agents.size;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }
}

/** Sessions are keyed per agent: a session id chosen by one agent cannot read another's history. */
function sessionKey(agentId: string, sessionId: string): string {
  return `${agentId}\u0000${sessionId}`;
}

function ringIn(map: LruMap<string, EventRing>, key: string, capacity: number): EventRing {
  let ring = map.get(key);
  if (ring === undefined) {
    ring = new EventRing(capacity);
    map.set(key, ring);
  }
  return ring;
}
