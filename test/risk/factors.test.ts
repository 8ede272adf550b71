import { describe, expect, it } from 'vitest';
import type { Action } from '../../src-shared/action';
import { actionSeverity } from '../../src-main/risk/factors/action-severity';
import { behavioralDeviation } from '../../src-main/risk/factors/behavioral-deviation';
import { environment } from '../../src-main/risk/factors/environment';
import { payloadSensitivity } from '../../src-main/risk/factors/payload-sensitivity';
import { temporalDeviation } from '../../src-main/risk/factors/temporal-deviation';
import { threatSignals } from '../../src-main/risk/factors/threat-signals';
import { agent, factorInput, finding, settingsWith, warmBaseline } from './fixtures';

const read: Action = { type: 'tool_call', tool: 'crm.lookup', verb: 'read', target: { host: 'crm.internal' } };

describe('action_severity', () => {
  const score = (action: Action, settings = settingsWith({})): number => actionSeverity(factorInput({ action, settings })).score;

  it('orders delete > privilege change > write > external call > read', () => {
    const verbs = ['delete', 'grant', 'update', 'send', 'read'];
    const scores = verbs.map((verb) => score({ type: 'tool_call', tool: 't', verb }));
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]).toBeGreaterThan(scores[i] ?? Infinity);
  });

  it('reads verbs case-insensitively, HTTP and SQL verbs included', () => {
    expect(score({ type: 'http_request', verb: 'DELETE' })).toBe(90);
    expect(score({ type: 'db_query', verb: 'SELECT' })).toBe(15);
  });

  it('falls back to the action type, then to the unknown score', () => {
    expect(score({ type: 'email' })).toBe(45);
    expect(score({ type: 'db_write', verb: 'frobnicate' })).toBe(55);
    const unknown = actionSeverity(factorInput({ action: { type: 'mystery', verb: 'frobnicate' } }));
    expect(unknown).toEqual({ score: 40, explanation: "unclassified action (unknown verb 'frobnicate')" });
  });

  it('treats a read from an external host as an external call', () => {
    const result = actionSeverity(factorInput({ action: { type: 'http_request', verb: 'GET', target: { url: 'https://pastebin.com/raw/x' } } }));
    expect(result.score).toBe(45);
    expect(result.explanation).toContain('external host');
  });

  it('is configurable per tool, verb and type', () => {
    const settings = settingsWith({ severity: { tools: { 'db.nuke': 100 }, verbs: { archive: 'delete' }, types: { file: 'write' }, class_scores: { read: 5 } } });
    expect(score({ type: 'tool_call', tool: 'db.nuke', verb: 'read' }, settings)).toBe(100);
    expect(score({ type: 'tool_call', verb: 'archive' }, settings)).toBe(90);
    expect(score({ type: 'file' }, settings)).toBe(55);
    expect(score({ type: 'tool_call', verb: 'read' }, settings)).toBe(5);
  });
});

describe('payload_sensitivity', () => {
  const score = (findings = [finding('EMAIL')]): number => payloadSensitivity(factorInput({ action: read, findings })).score;

  it('is zero without sensitive findings and ignores threat findings', () => {
    expect(payloadSensitivity(factorInput({ action: read }))).toEqual({ score: 0, explanation: 'no sensitive findings' });
    expect(score([finding('PROMPT_INJECTION')])).toBe(0);
  });

  it('weighs types: a private key outranks an e-mail address', () => {
    expect(score([finding('PRIVATE_KEY', 0.99)])).toBe(99);
    expect(score([finding('EMAIL', 1)])).toBe(20);
  });

  it('grows with count, with diminishing returns', () => {
    const one = score([finding('EMAIL')]);
    const ten = score(Array.from({ length: 10 }, () => finding('EMAIL')));
    const hundred = score(Array.from({ length: 100 }, () => finding('EMAIL')));
    expect(ten).toBeGreaterThan(one);
    expect(hundred).toBeGreaterThan(ten);
    expect(hundred - ten).toBeLessThan(ten - one);
  });

  it('grows with confidence and with additional types', () => {
    expect(score([finding('US_SSN', 0.5)])).toBeLessThan(score([finding('US_SSN', 0.9)]));
    expect(score([finding('US_SSN'), finding('CREDIT_CARD')])).toBeGreaterThan(score([finding('US_SSN')]));
  });

  it('names the strongest type in its explanation', () => {
    const result = payloadSensitivity(factorInput({ action: read, findings: [finding('EMAIL'), finding('AWS_SECRET_KEY', 0.9), finding('EMAIL')] }));
    expect(result.explanation).toBe('AWS_SECRET_KEY ×1 (confidence 0.90), strongest of 3 sensitive findings in 2 types');
  });

  it('fails closed on a malformed confidence', () => {
    expect(score([finding('PRIVATE_KEY', Number.NaN)])).toBe(100);
  });

  it('uses configured type weights', () => {
    const settings = settingsWith({ finding_weights: { EMAIL: 90 } });
    expect(payloadSensitivity(factorInput({ action: read, findings: [finding('EMAIL', 1)], settings })).score).toBe(90);
  });
});

describe('threat_signals', () => {
  it('scores only threat findings, by weight and confidence', () => {
    const score = (findings = [finding('EXFILTRATION')]): number => threatSignals(factorInput({ action: read, findings })).score;
    expect(score([finding('PRIVATE_KEY')])).toBe(0);
    expect(score([finding('EXFILTRATION', 0.9)])).toBe(90);
    expect(score([finding('PATH_TRAVERSAL', 0.9)])).toBe(72);
    expect(score([finding('SQL_INJECTION', 0.9), finding('SHELL_INJECTION', 0.9)])).toBeGreaterThan(score([finding('SHELL_INJECTION', 0.9)]));
    expect(threatSignals(factorInput({ action: read, findings: [finding('PROMPT_INJECTION', 0.8)] })).explanation).toBe('PROMPT_INJECTION ×1 (confidence 0.80)');
  });
});

describe('environment', () => {
  const score = (environmentName: string, target: Action['target']): number =>
    environment(factorInput({ agent: agent({ environment: environmentName }), action: { type: 'http_request', verb: 'POST', target } })).score;

  it('ranks production above staging above dev', () => {
    expect(score('production', {})).toBeGreaterThan(score('staging', {}));
    expect(score('staging', {})).toBeGreaterThan(score('dev', {}));
  });

  it('adds an external destination on top of the environment', () => {
    expect(score('dev', { host: 'api.partner.io' })).toBeGreaterThan(score('dev', { host: 'db.internal' }));
    expect(score('production', { url: 'https://api.partner.io/x' })).toBe(80);
    expect(score('production', { host: '10.0.0.8' })).toBe(60);
  });

  it('prefers the target environment over the agent environment and scores unknown ones', () => {
    expect(score('dev', { environment: 'production' })).toBe(60);
    const result = environment(factorInput({ agent: agent({ environment: 'mars' }), action: read }));
    expect(result).toEqual({ score: 40, explanation: "unknown environment 'mars', internal host crm.internal" });
  });
});

describe('temporal_deviation', () => {
  const berlinAgent = agent({ window: 'Mon-Fri 08:00-18:00 Europe/Berlin' });

  it('scores acting outside the operating window', () => {
    const inside = temporalDeviation(factorInput({ agent: berlinAgent, action: read, now: Date.parse('2026-11-24T10:00:00Z') }));
    const outside = temporalDeviation(factorInput({ agent: berlinAgent, action: read, now: Date.parse('2026-11-24T20:00:00Z') }));
    expect(inside.score).toBe(0);
    expect(outside.score).toBe(70);
    expect(outside.explanation).toBe("Tue 21:00 Europe/Berlin: outside window 'Mon-Fri 08:00-18:00 Europe/Berlin'; hour not judged while the baseline is learning");
  });

  it('falls back to the role window, then the default window', () => {
    const settings = settingsWith({ temporal: { windows_by_role: { support: 'Mon-Fri 09:00-10:00 UTC' }, default_window: 'Sat 00:00-01:00 UTC' } });
    expect(temporalDeviation(factorInput({ action: read, settings, now: Date.parse('2026-11-24T09:30:00Z') })).score).toBe(0);
    expect(temporalDeviation(factorInput({ action: read, settings, now: Date.parse('2026-11-24T11:00:00Z') })).score).toBe(70);
    expect(temporalDeviation(factorInput({ agent: agent({ role: 'ops' }), action: read, settings, now: Date.parse('2026-11-24T09:30:00Z') })).score).toBe(70);
  });

  it('fails closed on an unreadable agent window', () => {
    const result = temporalDeviation(factorInput({ agent: agent({ window: 'whenever' }), action: read }));
    expect(result.score).toBe(70);
    expect(result.explanation).toContain('unreadable');
  });

  it('scores an hour the agent rarely acts at once the baseline has learned', () => {
    const baseline = warmBaseline();
    const usual = temporalDeviation(factorInput({ action: read, baseline, now: Date.parse('2026-11-24T11:00:00Z') }));
    const night = temporalDeviation(factorInput({ action: read, baseline, now: Date.parse('2026-11-24T03:00:00Z') }));
    const edge = temporalDeviation(factorInput({ action: read, baseline, now: Date.parse('2026-11-24T17:10:00Z') }));
    expect(usual.score).toBe(0);
    expect(night.score).toBe(50);
    expect(night.explanation).toContain('unusual hour');
    expect(edge.score).toBeLessThan(night.score);
  });

  it('combines outside-window and unusual-hour into more than either', () => {
    const baseline = warmBaseline();
    const both = temporalDeviation(factorInput({ agent: berlinAgent, action: read, baseline, now: Date.parse('2026-11-24T02:00:00Z') }));
    expect(both.score).toBe(85);
  });
});

describe('behavioral_deviation', () => {
  it('says nothing while the baseline is learning, and says so', () => {
    const result = behavioralDeviation(factorInput({ action: { type: 'shell', tool: 'shell.exec', verb: 'exec' }, baseline: warmBaseline(['crm.lookup'], 1) }));
    expect(result.score).toBe(0);
    expect(result.explanation).toMatch(/^baseline learning \(48\/100 actions, 7\.8\/24 h\)/);
  });

  it('is quiet for familiar behaviour', () => {
    const result = behavioralDeviation(factorInput({ action: read, baseline: warmBaseline(), now: Date.parse('2026-11-19T10:00:00Z') }));
    expect(result).toEqual({ score: 0, explanation: 'consistent with baseline (144 actions)' });
  });

  it('scores a novel tool, verb and target, more when several are new', () => {
    const baseline = warmBaseline();
    const now = Date.parse('2026-11-19T10:00:00Z');
    const newTool = behavioralDeviation(factorInput({ action: { ...read, tool: 'shell.exec' }, baseline, now }));
    const allNew = behavioralDeviation(factorInput({ action: { type: 'shell', tool: 'shell.exec', verb: 'exec', target: { host: 'evil.io' } }, baseline, now }));
    expect(newTool.score).toBe(60);
    expect(newTool.explanation).toContain("new tool 'shell.exec'");
    expect(allNew.score).toBeGreaterThan(newTool.score);
    expect(allNew.explanation).toContain("new target 'evil.io'");
  });

  it('scores a rarely used tool below a novel one', () => {
    const tools = ['crm.lookup', ...Array.from({ length: 99 }, () => 'kb.search')];
    const baseline = warmBaseline(tools, 3);
    const rare = behavioralDeviation(factorInput({ action: { ...read, tool: 'crm.lookup' }, baseline, now: Date.parse('2026-11-19T10:00:00Z') }));
    expect(rare.score).toBeGreaterThan(0);
    expect(rare.score).toBeLessThan(60);
    expect(rare.explanation).toContain('rare tool');
  });

  it('scores a rate spike against the agent’s own pace', () => {
    const baseline = warmBaseline();
    const last = baseline.lastSeen ?? 0;
    for (let i = 1; i <= 30; i++) baseline.observe({ tool: 'crm.lookup', verb: 'read', target: 'crm.internal', type: 'tool_call', hour: 16, at: last + i * 1000 }, { maxKeys: 256, rateHalfLifeSeconds: 60, typicalRateAlpha: 0.01 });
    const spike = behavioralDeviation(factorInput({ action: read, baseline, now: last + 31_000 }));
    expect(spike.score).toBeGreaterThan(50);
    expect(spike.explanation).toMatch(/rate \d+\.\d× typical/);
  });
});
