import { describe, expect, it } from 'vitest';
import type { Action } from '../../src-shared/action';
import { SequenceStore } from '../../src-main/baseline/sequence-store';
import { finding, pipeline, TUESDAY_10_UTC as T0 } from './fixtures';

const customerRead: Action = { type: 'db_query', tool: 'sql.query', verb: 'select', target: { system: 'postgres', host: 'db.internal', resource: 'customers' } };
const ordersRead: Action = { type: 'db_query', tool: 'sql.query', verb: 'select', target: { system: 'postgres', host: 'db.internal', resource: 'orders' } };
const externalPost: Action = { type: 'http_request', tool: 'http.post', verb: 'POST', target: { url: 'https://collector.partner-analytics.io/ingest' } };
const deleteRow = (host = 'db.internal'): Action => ({ type: 'db_write', tool: 'sql.execute', verb: 'delete', target: { host, resource: 'orders' } });
const grant: Action = { type: 'tool_call', tool: 'iam.grant', verb: 'grant', target: { system: 'iam' } };
const s = (seconds: number): number => T0 + seconds * 1000;

describe('sequence_correlation', () => {
  it('is quiet without history', () => {
    const p = pipeline();
    expect(p.act(externalPost, { at: T0 }).factors.sequence_correlation).toEqual({ score: 0, explanation: 'no risky pattern in recent actions' });
  });

  it('flags an external send after a read of a sensitive resource', () => {
    const p = pipeline();
    p.act(customerRead, { at: s(0), session: 's1' });
    const send = p.act(externalPost, { at: s(45), session: 's1' });
    expect(send.factors.sequence_correlation.score).toBe(85);
    expect(send.factors.sequence_correlation.explanation).toMatch(/^external send 45 s after a sensitive read in this (agent|session)/);
  });

  it('flags an external send after a read that returned sensitive findings', () => {
    const p = pipeline();
    p.act(ordersRead, { at: s(0), findings: [finding('US_SSN'), finding('EMAIL')] });
    expect(p.act(externalPost, { at: s(30) }).factors.sequence_correlation.score).toBe(85);
  });

  it('ignores non-sensitive reads, internal sends, and reads older than the window', () => {
    const p = pipeline();
    p.act(ordersRead, { at: s(0) });
    expect(p.act(externalPost, { at: s(10) }).factors.sequence_correlation.score).toBe(0);
    p.act(customerRead, { at: s(20) });
    expect(p.act({ ...externalPost, target: { url: 'https://reports.internal/upload' } }, { at: s(30) }).factors.sequence_correlation.score).toBe(0);
    expect(p.act(externalPost, { at: s(20 + 601) }).factors.sequence_correlation.score).toBe(0);
  });

  it('flags a burst of deletes, growing with the burst', () => {
    const p = pipeline();
    const scores = [0, 1, 2, 3, 4, 5, 6].map((i) => p.act(deleteRow(), { at: s(i * 5), verdict: 'allow' }).factors.sequence_correlation);
    expect(scores.slice(0, 4).map((f) => f.score)).toEqual([0, 0, 0, 0]);
    expect(scores[4]).toEqual({ score: 80, explanation: 'burst of 5 deletes within 60 s in this agent' });
    expect(scores[6]?.score).toBe(90);
  });

  it('does not flag the same deletes spread out over time', () => {
    const p = pipeline();
    const last = [0, 1, 2, 3, 4, 5].map((i) => p.act(deleteRow(), { at: s(i * 30), verdict: 'allow' })).pop();
    expect(last?.factors.sequence_correlation.score).toBe(0);
  });

  it('flags repeated blocked attempts, more when the same action is retried', () => {
    const p = pipeline();
    const attempt: Action = { type: 'shell', tool: 'shell.exec', verb: 'exec', target: { host: 'build.internal' } };
    p.act(attempt, { at: s(0), verdict: 'block' });
    expect(p.act(ordersRead, { at: s(5) }).factors.sequence_correlation.score).toBe(0);
    p.act(attempt, { at: s(10), verdict: 'block' });
    const other = p.act(ordersRead, { at: s(15) }).factors.sequence_correlation;
    const retry = p.act(attempt, { at: s(20) }).factors.sequence_correlation;
    expect(other.score).toBe(60);
    expect(retry.score).toBe(70);
    expect(retry.explanation).toContain('this one repeats a blocked action');
  });

  it('flags a privilege change after a denial', () => {
    const p = pipeline();
    expect(p.act(grant, { at: s(0), verdict: 'allow' }).factors.sequence_correlation.score).toBe(0);
    p.act(deleteRow(), { at: s(10), verdict: 'block' });
    const escalation = p.act(grant, { at: s(20) }).factors.sequence_correlation;
    expect(escalation).toEqual({ score: 90, explanation: 'privilege change after 1 denial in this agent' });
  });

  it('flags fan-out to many targets', () => {
    const p = pipeline();
    const hosts = Array.from({ length: 12 }, (_, i) => `node-${i}.internal`);
    const scores = hosts.map((host, i) => p.act({ type: 'http_request', tool: 'http.get', verb: 'GET', target: { host } }, { at: s(i * 10) }).factors.sequence_correlation.score);
    expect(scores.slice(0, 9).every((score) => score === 0)).toBe(true);
    expect(scores[9]).toBe(65);
    expect(scores[11]).toBe(69);
  });

  it('names other patterns present beside the strongest', () => {
    const p = pipeline();
    p.act(customerRead, { at: s(0) });
    p.act(deleteRow(), { at: s(1), verdict: 'block' });
    p.act(deleteRow(), { at: s(2), verdict: 'block' });
    const send = p.act(externalPost, { at: s(3) }).factors.sequence_correlation;
    expect(send.score).toBe(85);
    expect(send.explanation).toContain('(+1 other pattern)');
  });

  it('keeps a session’s history after the agent ring has moved on', () => {
    const p = pipeline({ sequence: new SequenceStore({ agentEvents: 8, sessionEvents: 8 }) });
    p.act(customerRead, { at: s(0), session: 'quiet' });
    for (let i = 1; i <= 20; i++) p.act(ordersRead, { at: s(i), session: `busy-${i}` });
    expect(p.act(externalPost, { at: s(30), session: 'quiet' }).factors.sequence_correlation.explanation).toContain('in this session');
    expect(p.act(externalPost, { at: s(31), session: 'other' }).factors.sequence_correlation.score).toBe(0);
  });
});
