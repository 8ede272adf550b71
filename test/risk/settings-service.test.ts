import { describe, expect, it } from 'vitest';
import { assessRisk } from '../../src-main/risk/assess';
import { DEFAULT_RISK_SETTINGS, parseRiskSettings, RiskSettingsError, RiskSettingsSchema } from '../../src-main/risk/settings';
import { RiskSettingsService, type SettingChangeBody } from '../../src-main/risk/settings-service';
import { agent, TUESDAY_10_UTC } from './fixtures';

function serviceWithSink(initial?: unknown) {
  const events: { kind: string; body: SettingChangeBody; next: unknown }[] = [];
  const service = new RiskSettingsService({ audit: (kind, body, next) => events.push({ kind, body, next }), initial });
  return { service, events };
}

describe('risk settings', () => {
  it('ships defaults that pass their own schema', () => {
    expect(RiskSettingsSchema.safeParse(DEFAULT_RISK_SETTINGS).success).toBe(true);
  });

  it('freezes parsed settings so the compiled cache cannot go stale', () => {
    const settings = parseRiskSettings(structuredClone(DEFAULT_RISK_SETTINGS));
    expect(Object.isFrozen(settings.thresholds)).toBe(true);
    expect(() => {
      (settings.thresholds as { review_at: number }).review_at = 1;
    }).toThrow(TypeError);
  });
});

describe('RiskSettingsService', () => {
  it('applies a merge patch and emits one setting_change listing every changed leaf', () => {
    const { service, events } = serviceWithSink();
    const next = service.update({ thresholds: { review_at: 55, by_environment: { production: { block_at: 75 } } }, weights: { threat_signals: 0.3 } }, 'alice');
    expect(next.thresholds.review_at).toBe(55);
    expect(service.current()).toBe(next);
    expect(events).toEqual([
      {
        kind: 'setting_change',
        body: {
          setting: 'risk',
          actor: 'alice',
          changes: [
            { key: 'weights.threat_signals', old: 0.2, new: 0.3 },
            { key: 'thresholds.review_at', old: 60, new: 55 },
            { key: 'thresholds.by_environment.production', old: null, new: { block_at: 75 } },
          ],
        },
        next,
      },
    ]);
  });

  it('emits lists whole, quotes map keys that are not identifiers, and records removals', () => {
    const { service, events } = serviceWithSink();
    service.update({ environment: { internal_domain_suffixes: ['acme.corp'] }, severity: { tools: { 'sql.execute': 70 } } }, 'bob');
    service.update({ severity: { tools: { 'sql.execute': null } } }, 'carol');
    expect(events.map((e) => e.body)).toEqual([
      {
        setting: 'risk',
        actor: 'bob',
        changes: [
          { key: 'severity.tools["sql.execute"]', old: null, new: 70 },
          { key: 'environment.internal_domain_suffixes', old: DEFAULT_RISK_SETTINGS.environment.internal_domain_suffixes, new: ['acme.corp'] },
        ],
      },
      { setting: 'risk', actor: 'carol', changes: [{ key: 'severity.tools["sql.execute"]', old: 70, new: null }] },
    ]);
  });

  it('emits nothing for a patch that changes nothing', () => {
    const { service, events } = serviceWithSink();
    service.update({ thresholds: { review_at: 60 } }, 'alice');
    expect(events).toEqual([]);
  });

  it.each([
    ['review above block', { thresholds: { review_at: 90 } }, 'thresholds: review_at (90) must not exceed block_at (85)'],
    ['review above block in one environment', { thresholds: { by_environment: { dev: { review_at: 95 } } } }, 'thresholds.by_environment.dev'],
    ['negative weight', { weights: { environment: -1 } }, 'weights.environment'],
    ['all weights zero', { weights: { action_severity: 0, payload_sensitivity: 0, temporal_deviation: 0, environment: 0, behavioral_deviation: 0, sequence_correlation: 0, threat_signals: 0 } }, 'at least one factor weight'],
    ['score above 100', { severity: { class_scores: { delete: 120 } } }, 'severity.class_scores.delete'],
    ['unknown key', { weights: { vibes: 1 } }, 'weights'],
    ['removing a required key', { floor: null }, 'floor'],
    ['bad window', { temporal: { windows_by_role: { ops: 'Mon-Fri 8-18' } } }, 'not a valid operating window'],
    ['bad zone', { temporal: { timezone: 'Europe/Atlantis' } }, 'unknown IANA time zone'],
    ['bad CIDR', { environment: { internal_cidrs: ['10.0.0.0/40'] } }, 'not a valid IPv4/IPv6 CIDR block'],
    ['unknown severity class', { severity: { verbs: { yeet: 'catastrophic' } } }, 'severity.verbs.yeet'],
    ['unknown finding type', { finding_weights: { NAME: 10 } }, 'finding_weights'],
  ])('rejects %s without applying or auditing', (_label, patch, message) => {
    const { service, events } = serviceWithSink();
    const before = service.current();
    expect(() => service.update(patch, 'mallory')).toThrow(RiskSettingsError);
    expect(() => service.update(patch, 'mallory')).toThrow(message);
    expect(service.current()).toBe(before);
    expect(events).toEqual([]);
  });

  it('does not apply a change the audit sink failed to record', () => {
    const service = new RiskSettingsService({
      audit: () => {
        throw new Error('audit log unavailable');
      },
    });
    expect(() => service.update({ thresholds: { block_at: 70 } }, 'alice')).toThrow('audit log unavailable');
    expect(service.current().thresholds.block_at).toBe(85);
  });

  it('validates stored initial settings and replaces wholesale with audit', () => {
    expect(() => serviceWithSink({ weights: {} })).toThrow(RiskSettingsError);
    const { service, events } = serviceWithSink(structuredClone(DEFAULT_RISK_SETTINGS));
    const replacement = structuredClone(DEFAULT_RISK_SETTINGS) as { temporal: { default_window: string | null } };
    replacement.temporal.default_window = 'Mon-Fri 07:00-19:00 Europe/Paris';
    service.replace(replacement, 'import');
    expect(events.map((e) => e.body)).toEqual([
      { setting: 'risk', actor: 'import', changes: [{ key: 'temporal.default_window', old: null, new: 'Mon-Fri 07:00-19:00 Europe/Paris' }] },
    ]);
  });

  it('takes effect on the next assessment', () => {
    const { service } = serviceWithSink();
    const input = { agent: agent(), action: { type: 'tool_call', tool: 'crm.lookup', verb: 'read' }, findings: [], now: TUESDAY_10_UTC };
    const before = assessRisk({ ...input, settings: service.current() });
    service.update({ severity: { tools: { 'crm.lookup': 100 } }, thresholds: { review_at: 10 } }, 'alice');
    const after = assessRisk({ ...input, settings: service.current() });
    expect(before.outcome).toBe('allow');
    expect(after.factors.action_severity.score).toBe(100);
    expect(after.outcome).toBe('review');
  });
});
