import { describe, expect, it } from 'vitest';
import { AgentBaseline, isLearning } from '../../src-main/baseline/agent-baseline';
import { BaselineStore } from '../../src-main/baseline/baseline-store';
import { BoundedCounter } from '../../src-main/baseline/bounded-counter';
import { InMemoryBaselineRepository, type BaselineRepository } from '../../src-main/baseline/repository';
import { BASELINE_PARAMS, warmBaseline } from '../risk/fixtures';

const observation = (tool: string, at: number) => ({ tool, verb: 'read', target: 'crm.internal', type: 'tool_call', hour: 10, at });

describe('BoundedCounter', () => {
  it('counts keys and the total', () => {
    const counter = new BoundedCounter(10);
    for (const key of ['a', 'b', 'a']) counter.add(key);
    expect(counter.get('a')).toBe(2);
    expect(counter.get('zzz')).toBe(0);
    expect(counter.total).toBe(3);
  });

  it('never holds more than its capacity and keeps the most frequent keys', () => {
    const counter = new BoundedCounter(8);
    for (let i = 0; i < 1000; i++) {
      counter.add(`frequent-${i % 4}`);
      counter.add(`noise-${i}`);
    }
    expect(counter.size).toBe(8);
    for (let k = 0; k < 4; k++) expect(counter.get(`frequent-${k}`)).toBe(250);
    expect(counter.total).toBe(2000);
  });

  it('shrinks to a lowered capacity and restores only the top keys', () => {
    const counter = new BoundedCounter(4);
    ['a', 'a', 'a', 'b', 'b', 'c', 'd'].forEach((k) => counter.add(k));
    counter.add('e', 2);
    expect(counter.size).toBe(2);
    expect(counter.get('a')).toBe(3);
    const restored = BoundedCounter.fromRecord({ x: 1, y: 5, z: 3 }, 9, 2);
    expect(restored.toRecord()).toEqual({ y: 5, z: 3 });
    expect(restored.total).toBe(9);
  });
});

describe('AgentBaseline', () => {
  it('is learning until it has both enough actions and enough elapsed time', () => {
    const params = { minObservations: 100, minSpanHours: 24 };
    expect(isLearning(undefined, params)).toBe(true);
    const burst = AgentBaseline.empty(256);
    for (let i = 0; i < 500; i++) burst.observe(observation('t', i * 1000), BASELINE_PARAMS);
    expect(isLearning(burst, params)).toBe(true); // 500 actions in 8 minutes
    expect(isLearning(warmBaseline(['t'], 2), params)).toBe(true); // 96 actions over 2 days
    expect(isLearning(warmBaseline(['t'], 3), params)).toBe(false); // 144 actions over 3 days
  });

  it('settles on about 1/T actions per second for a steady stream every T seconds', () => {
    const baseline = AgentBaseline.empty(256);
    for (let i = 0; i < 2000; i++) baseline.observe(observation('t', i * 10_000), BASELINE_PARAMS);
    expect(baseline.typicalRate).toBeGreaterThan(0.08);
    expect(baseline.typicalRate).toBeLessThan(0.12);
  });

  it('round-trips through a JSON snapshot', () => {
    const baseline = warmBaseline(['crm.lookup', 'kb.search', 'ticket.update']);
    const snapshot = JSON.parse(JSON.stringify(baseline.toSnapshot())) as unknown;
    const restored = AgentBaseline.fromSnapshot(snapshot, 256);
    expect(restored.toSnapshot()).toEqual(baseline.toSnapshot());
    expect(restored.tools.get('kb.search')).toBe(baseline.tools.get('kb.search'));
    expect(restored.rateAt(1e13, 60)).toBe(baseline.rateAt(1e13, 60));
  });

  it('rejects a malformed snapshot', () => {
    const good = warmBaseline().toSnapshot();
    expect(() => AgentBaseline.fromSnapshot({ ...good, hours: [1, 2, 3] }, 256)).toThrow();
    expect(() => AgentBaseline.fromSnapshot({ ...good, version: 2 }, 256)).toThrow();
    expect(() => AgentBaseline.fromSnapshot({ ...good, tools: { t: -1 } }, 256)).toThrow();
    expect(() => AgentBaseline.fromSnapshot('{}', 256)).toThrow();
  });
});

describe('BaselineStore', () => {
  it('starts empty, persists on flush only what changed, and restores from the repository', () => {
    const repository = new InMemoryBaselineRepository();
    const saves: string[] = [];
    const spy: BaselineRepository = { load: (id) => repository.load(id), save: (id, s) => (saves.push(id), repository.save(id, s)) };
    const store = new BaselineStore(spy);
    expect(store.get('a').observations).toBe(0);
    store.observe('a', observation('crm.lookup', 1000), BASELINE_PARAMS);
    store.observe('b', observation('kb.search', 2000), BASELINE_PARAMS);
    store.flush();
    store.flush();
    expect(saves.sort()).toEqual(['a', 'b']);
    const restarted = new BaselineStore(repository);
    expect(restarted.get('a').tools.get('crm.lookup')).toBe(1);
    expect(restarted.get('b').lastSeen).toBe(2000);
  });

  it('relearns from empty when a stored snapshot is invalid, and says so', () => {
    const invalid: string[] = [];
    const repository: BaselineRepository = { load: () => ({ version: 1, observations: 'many' }), save: () => undefined };
    const store = new BaselineStore(repository, { onInvalidSnapshot: (agentId) => invalid.push(agentId) });
    expect(store.get('a').observations).toBe(0);
    expect(invalid).toEqual(['a']);
  });

  it('bounds the agents in memory and saves a dirty baseline when evicting it', () => {
    const repository = new InMemoryBaselineRepository();
    const store = new BaselineStore(repository, { maxAgents: 3 });
    for (let i = 0; i < 10; i++) store.observe(`agent-${i}`, observation('t', i), BASELINE_PARAMS);
    expect(store.cachedAgents).toBe(3);
    expect(repository.size).toBe(7);
    expect(store.get('agent-0').observations).toBe(1);
  });
});
