import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentRegistry, type AgentChange, type AgentRegistry } from '../../src-main/agents/registry';
import { sqliteAgentRepository } from '../../src-main/store/agent-repository';
import { openStore, type Store } from '../../src-main/store/database';

let dir: string;
let store: Store;
let changes: AgentChange[];
let failAudit: boolean;

const open = (): AgentRegistry =>
  createAgentRegistry({
    repository: sqliteAgentRepository(store.db),
    commit: (change, apply) =>
      store.db.transaction(() => {
        apply();
        if (failAudit) throw new Error('audit store unavailable');
        changes.push(change);
      })(),
    checkWindow: (w) => (w.startsWith('Mon') ? undefined : 'not a window'),
  });



beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-agents-'));
  store = openStore(dir);
  changes = [];
  failAudit = false;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('agent registry', () => {
  it('adds an agent, authenticates its key, and never stores the key', () => {
    const registry = open();
    const { agent, key } = registry.add({ name: 'billing-bot', role: 'finance', window: 'Mon-Fri 08:00-18:00 UTC' }, 'op:alice');
    expect(agent).toMatchObject({ name: 'billing-bot', role: 'finance', org_unit: 'default', environment: 'production', tags: [] });
    expect(registry.authenticate(key)).toMatchObject({ id: agent.id, name: 'billing-bot', window: 'Mon-Fri 08:00-18:00 UTC' });
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM agents').all());
    expect(dump).not.toContain(key);
    expect(dump).toContain(agent.keyPrefix);
    expect(changes).toEqual([{ action: 'add', agent: expect.objectContaining({ id: agent.id, keyPrefix: agent.keyPrefix }), actor: 'op:alice' }]);
  });

  it('keys survive a restart; a revoked key is refused at once and after restart', () => {
    const registry = open();
    const a = registry.add({ name: 'a', role: 'r' }, 'op');
    const b = registry.add({ name: 'b', role: 'r' }, 'op');
    registry.revoke('a', 'op', 'key leaked');
    expect(registry.authenticate(a.key)).toBeUndefined();
    expect(registry.authenticate(b.key)?.name).toBe('b');
    const reopened = open();
    expect(reopened.authenticate(a.key)).toBeUndefined();
    expect(reopened.authenticate(b.key)?.name).toBe('b');
    expect(changes.at(-1)).toMatchObject({ action: 'revoke', actor: 'op', reason: 'key leaked' });
    expect(reopened.list().map((x) => [x.name, x.revokedAt !== undefined])).toEqual([['a', true], ['b', false]]);
  });

  it('an agent key cannot be forged from another agent key or an operator token', () => {
    const registry = open();
    const { key } = registry.add({ name: 'a', role: 'r' }, 'op');
    expect(registry.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
    expect(registry.authenticate('pco_' + key.slice(4))).toBeUndefined();
    expect(registry.authenticate(undefined)).toBeUndefined();
  });

  it('refuses duplicates, bad names, bad environments and bad windows with clear messages', () => {
    const registry = open();
    registry.add({ name: 'a', role: 'r' }, 'op');
    expect(() => registry.add({ name: 'a', role: 'r' }, 'op')).toThrow(/active agent named 'a' exists/);
    expect(() => registry.add({ name: 'bad name', role: 'r' }, 'op')).toThrow(/^name: use 1–64 letters/);
    expect(() => registry.add({ name: 'x', role: 'r', environment: 'prod' as never }, 'op')).toThrow(/^environment:/);
    expect(() => registry.add({ name: 'x', role: 'r', window: 'whenever' }, 'op')).toThrow('window: not a window');
    expect(() => registry.add({ name: 'x', role: 'r', admin: true } as never, 'op')).toThrow(/Unrecognized key/);
    expect(() => registry.revoke('nobody', 'op')).toThrow(/no active agent/);
  });

  it('a failed audit append leaves no agent behind (change and audit entry are one transaction)', () => {
    const registry = open();
    failAudit = true;
    expect(() => registry.add({ name: 'a', role: 'r' }, 'op')).toThrow('audit store unavailable');
    expect(registry.list()).toEqual([]);
  });

  it('a name is free again after its agent is revoked', () => {
    const registry = open();
    registry.add({ name: 'a', role: 'r' }, 'op');
    registry.revoke('a', 'op');
    expect(registry.add({ name: 'a', role: 'r2' }, 'op').agent.role).toBe('r2');
  });
});
