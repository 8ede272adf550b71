/**
 * Owns the live risk settings. Every change is validated as a whole, written to the audit sink
 * as one record listing each changed leaf, and only then applied: if the audit write throws,
 * nothing changes, so no setting is ever live without its audit record.
 */
import { diffSettings, applyMergePatch } from './settings-diff';
import { DEFAULT_RISK_SETTINGS, parseRiskSettings, type RiskSettings } from './settings';

export interface SettingChange {
  key: string;
  old: unknown;
  new: unknown;
}

export interface SettingChangeBody {
  setting: 'risk';
  changes: SettingChange[];
  actor: string;
}

/**
 * Records one `setting_change` entry; `next` is the whole new settings object, so a sink can
 * persist it in the same transaction as the entry.
 */
export type SettingsAuditSink = (kind: 'setting_change', body: SettingChangeBody, next: Readonly<RiskSettings>) => void;

export interface RiskSettingsServiceOptions {
  audit: SettingsAuditSink;
  /** Stored settings to start from (validated); defaults to DEFAULT_RISK_SETTINGS. */
  initial?: unknown;
}

export class RiskSettingsService {
  private settings: Readonly<RiskSettings>;
  private readonly audit: SettingsAuditSink;

  constructor(options: RiskSettingsServiceOptions) {
    this.audit = options.audit;
    this.settings = options.initial === undefined ? DEFAULT_RISK_SETTINGS : parseRiskSettings(options.initial);
  }

  /** The live settings: a frozen object, replaced (never mutated) on change. */
  current(): Readonly<RiskSettings> {
    return this.settings;
  }

  /**
   * Applies a JSON Merge Patch (RFC 7386) such as `{ thresholds: { review_at: 55 } }`;
   * `null` removes an entry from a map such as `thresholds.by_environment`.
   * Throws RiskSettingsError when the result is invalid. Returns the new settings.
   */
  update(patch: unknown, actor: string): Readonly<RiskSettings> {
    return this.commit(applyMergePatch(this.settings, patch), actor);
  }

  /** Replaces the settings wholesale (e.g. an import), auditing each changed leaf. */
  replace(next: unknown, actor: string): Readonly<RiskSettings> {
    return this.commit(next, actor);
  }

  private commit(candidate: unknown, actor: string): Readonly<RiskSettings> {
    const next = parseRiskSettings(candidate);
    const changes = diffSettings(this.settings, next).map(({ key, old, new: value }) => ({ key, old, new: value }));
    if (changes.length > 0) this.audit('setting_change', { setting: 'risk', changes, actor }, next);
    this.settings = next;
    return next;
  }
}
