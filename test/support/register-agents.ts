import { openEngine } from '../../src-main/engine/engine';

/**
 * Registers agents in a data directory before a service is started on it (the directory is
 * locked while a service runs) and returns their keys in order.
 */
export function registerAgents(dataDir: string, agents: { name: string; role: string }[]): string[] {
  const engine = openEngine({ dataDir, log: () => {} });
  try {
    return agents.map((agent) => engine.agents.add(agent, 'test').key);
  } finally {
    engine.close();
  }
}
