import { randomUUID } from 'node:crypto';
import type { AgentContext } from '../../src-shared/action';
import { NewAgentSchema, type NewAgent } from '../../src-shared/agents';
import type { AgentRecord, AgentRepository } from '../store/agent-repository';
import { generateAgentKey, hashAgentKey, looksLikeAgentKey } from './keys';

export class AgentRegistryError extends Error {
  constructor(
    readonly code: 'invalid_agent' | 'agent_exists' | 'agent_not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface AgentChange {
  action: 'add' | 'revoke';
  agent: Omit<AgentRecord, 'createdAt' | 'createdBy' | 'revokedAt' | 'revokedBy'>;
  actor: string;
  reason?: string;
}

export interface AgentRegistryDeps {
  repository: AgentRepository;
  /**
   * Applies a change and appends its `agent_change` audit entry atomically: both or neither,
   * so the registry never holds an agent the audit log does not know about.
   */
  commit: (change: AgentChange, apply: () => void) => void;
  /** Returns an error message for an operating window the risk model cannot read. */
  checkWindow: (window: string) => string | undefined;
  now?: () => Date;
}

export interface AgentRegistry {
  /** Registers an agent; the returned key is shown once and never stored. */
  add(input: NewAgent, actor: string): { agent: AgentRecord; key: string };
  list(): AgentRecord[];
  revoke(idOrName: string, actor: string, reason?: string): AgentRecord;
  /** Hot path: the agent a presented key belongs to, from memory. */
  authenticate(key: string | undefined): AgentContext | undefined;
}

const identity = ({ createdAt: _c, createdBy: _b, revokedAt: _r, revokedBy: _rb, ...rest }: AgentRecord) => rest;

const context = (agent: AgentRecord): AgentContext => ({
  id: agent.id,
  name: agent.name,
  role: agent.role,
  org_unit: agent.org_unit,
  environment: agent.environment,
  tags: agent.tags,
  ...(agent.window === undefined ? {} : { window: agent.window }),
});

export function createAgentRegistry(deps: AgentRegistryDeps): AgentRegistry {
  const now = deps.now ?? (() => new Date());
  const byKeyHash = new Map<string, AgentContext>();
  for (const { keyHash, agent } of deps.repository.activeKeyHashes()) byKeyHash.set(keyHash, context(agent));

  return {
    add(input, actor) {
      const parsed = NewAgentSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AgentRegistryError('invalid_agent', `${issue?.path.join('.') || 'agent'}: ${issue?.message ?? 'invalid'}`);
      }
      const fields = parsed.data;
      if (fields.window !== undefined) {
        const problem = deps.checkWindow(fields.window);
        if (problem) throw new AgentRegistryError('invalid_agent', `window: ${problem}`);
      }
      if (deps.repository.findActive(fields.name)) {
        throw new AgentRegistryError('agent_exists', `an active agent named '${fields.name}' exists; revoke it first`);
      }
      const key = generateAgentKey();
      const agent: AgentRecord = {
        id: randomUUID(),
        ...fields,
        keyPrefix: key.displayPrefix,
        createdAt: now().toISOString(),
        createdBy: actor,
      };
      deps.commit({ action: 'add', agent: identity(agent), actor }, () => deps.repository.insert(agent, key.hash));
      byKeyHash.set(key.hash, context(agent));
      return { agent, key: key.key };
    },

    list: () => deps.repository.all(),

    revoke(idOrName, actor, reason) {
      const agent = deps.repository.findActive(idOrName);
      if (!agent) throw new AgentRegistryError('agent_not_found', `no active agent with id or name '${idOrName}'`);
      const at = now().toISOString();
      deps.commit({ action: 'revoke', agent: identity(agent), actor, ...(reason ? { reason } : {}) }, () =>
        deps.repository.markRevoked(agent.id, at, actor),
      );
      for (const [hash, ctx] of byKeyHash) if (ctx.id === agent.id) byKeyHash.delete(hash);
      return { ...agent, revokedAt: at, revokedBy: actor };
    },

    authenticate(key) {
      if (key === undefined || !looksLikeAgentKey(key)) return undefined;
      return byKeyHash.get(hashAgentKey(key));
    },
  };
}
