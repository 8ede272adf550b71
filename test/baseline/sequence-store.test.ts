import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EventFlag, EventRing } from '../../src-main/baseline/event-ring';
import { LruMap } from '../../src-main/baseline/lru-map';
import { SequenceStore } from '../../src-main/baseline/sequence-store';

describe('EventRing', () => {
  it('keeps the newest events up to its capacity, newest first', () => {
    const ring = new EventRing(3);
    for (let i = 1; i <= 5; i++) ring.push(i, 0, `tool-${i}`, '');
    expect(ring.size).toBe(3);
    expect([0, 1, 2, 3].map((i) => ring.recent(i)?.at)).toEqual([5, 4, 3, undefined]);
  });

  it('reads correctly before it is full', () => {
    const ring = new EventRing(4);
    ring.push(1, EventFlag.DELETE, 't', 'a');
    ring.push(2, EventFlag.BLOCKED, 't', 'b');
    expect(ring.recent(0)).toEqual({ at: 2, flags: EventFlag.BLOCKED, tool: 't', target: 'b' });
    expect(ring.recent(1)?.target).toBe('a');
    expect(ring.recent(2)).toBeUndefined();
  });
});

describe('LruMap', () => {
  it('evicts the least recently used entry and reports it', () => {
    const evicted: string[] = [];
    const map = new LruMap<string, number>(2, (key) => evicted.push(key));
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect(map.peek('a')).toBe(1);
    expect(map.size).toBe(2);
  });
});

describe('SequenceStore memory bounds', () => {
  it('stays bounded under 100k sessions across 5k agents', () => {
    const store = new SequenceStore({ maxAgents: 1000, maxSessions: 5000, agentEvents: 16, sessionEvents: 8 });
    for (let s = 0; s < 100_000; s++) {
      const agentId = `agent-${s % 5000}`;
      for (let e = 0; e < 3; e++) store.record(agentId, `session-${s}`, s * 10 + e, 0, 'tool', `host-${e}`);
    }
    expect(store.sessionCount).toBe(5000);
    expect(store.agentCount).toBe(1000);
    // The most recent are kept, the oldest forgotten.
    expect(store.view('agent-4999', 'session-99999').session?.size).toBe(3);
    expect(store.view('agent-0', 'session-0').session).toBeUndefined();
  });

  it('bounds each ring however long an agent or session runs', () => {
    const store = new SequenceStore({ agentEvents: 16, sessionEvents: 8 });
    for (let i = 0; i < 50_000; i++) store.record('busy', 'long-session', i, 0, 'tool', 'host');
    const view = store.view('busy', 'long-session');
    expect(view.agent?.size).toBe(16);
    expect(view.session?.size).toBe(8);
    expect(view.agent?.recent(0)?.at).toBe(49_999);
  });

  it('keeps the heap flat once full', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const store = new SequenceStore({ maxAgents: 2000, maxSessions: 20_000 });
    const fill = (from: number): void => {
      for (let s = from; s < from + 100_000; s++) store.record(`agent-${s % 2000}`, `session-${s}`, s, 0, 'tool', 'host');
    };
    fill(0);
    gc();
    const afterFirst = process.memoryUsage().heapUsed;
    fill(100_000);
    fill(200_000);
    gc();
    const afterThird = process.memoryUsage().heapUsed;
    expect(store.sessionCount).toBe(20_000);
    // Keeping the 200k extra sessions instead costs about 90 MB (measured: ~470 bytes each).
    expect(afterThird - afterFirst).toBeLessThan(4 * 1024 * 1024);
  });

  it('keys sessions per agent, so one agent cannot read another agent’s session', () => {
    const store = new SequenceStore();
    store.record('a', 'shared-id', 1, EventFlag.SENSITIVE_READ, 'db.read', 'db.internal');
    expect(store.view('b', 'shared-id').session).toBeUndefined();
    expect(store.view('a', 'shared-id').session?.size).toBe(1);
  });
});
