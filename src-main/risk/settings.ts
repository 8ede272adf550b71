/**
 * Risk settings: factor weights, the critical floor, thresholds, severity and finding weights,
 * environment lists, operating windows, behavioral and sequence parameters, baseline learning.
 * Every number a security engineer may tune lives here; docs/risk-model.md explains each one.
 */
import { z } from 'zod';
import { FINDING_TYPES, RISK_FACTORS, type FindingType, type RiskFactorName } from '../../src-shared/decision';
import { parseCidr } from './ip';
import { parseWindow } from './window';
import { assertTimeZone } from './zoned-time';

export const SEVERITY_CLASSES = ['delete', 'privilege', 'write', 'external_call', 'read', 'unknown'] as const;
export type SeverityClass = (typeof SEVERITY_CLASSES)[number];

export const ALL_FINDING_TYPES: readonly FindingType[] = Object.values(FINDING_TYPES).flat();

const score = z.number().min(0).max(100);
const fraction = z.number().min(0).max(1);
const positiveInt = z.number().int().min(1);

function factorRecord<T extends z.ZodType>(value: T) {
  return z.strictObject(Object.fromEntries(RISK_FACTORS.map((name) => [name, value])) as Record<RiskFactorName, T>);
}

const windowText = z.string().refine(
  (text) => {
    try {
      parseWindow(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid operating window (e.g. "Mon-Fri 08:00-18:00 Europe/Berlin")' },
);

const cidrText = z.string().refine(
  (text) => {
    try {
      parseCidr(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid IPv4/IPv6 CIDR block' },
);

const thresholdPair = z.strictObject({ review_at: score, block_at: score });

export const RiskSettingsSchema = z
  .strictObject({
    /** Relative weights of the weighted mean; normalised by their sum. */
    weights: factorRecord(z.number().min(0)).refine(
      (weights) => Object.values(weights).some((w) => w > 0),
      'at least one factor weight must be positive',
    ),
    /**
     * A factor at or above `critical_at` lifts the composite to at least `ratio × its score`;
     * each further critical factor adds `corroboration` to that floor.
     */
    floor: z.strictObject({ critical_at: score, ratios: factorRecord(fraction), corroboration: score }),
    thresholds: z.strictObject({
      review_at: score,
      block_at: score,
      /** Per target environment, either threshold may be overridden. */
      by_environment: z.record(z.string().min(1), thresholdPair.partial()),
    }),
    severity: z.strictObject({
      class_scores: z.strictObject(
        Object.fromEntries(SEVERITY_CLASSES.map((c) => [c, score])) as Record<SeverityClass, typeof score>,
      ),
      /** Lower-case verb → class. Checked before the action type. */
      verbs: z.record(z.string().min(1), z.enum(SEVERITY_CLASSES)),
      /** Action type → class, used when the verb is absent or unknown. */
      types: z.record(z.string().min(1), z.enum(SEVERITY_CLASSES)),
      /** Tool name (exact) → score, overriding verb and type. */
      tools: z.record(z.string().min(1), score),
    }),
    /** Per finding type, the score one certain finding of that type is worth (0–100). */
    finding_weights: z.record(z.enum(ALL_FINDING_TYPES as [FindingType, ...FindingType[]]), score),
    temporal: z.strictObject({
      outside_window: score,
      unusual_hour: score,
      /** Zone for the baseline's hour-of-day when the agent has no window. */
      timezone: z.string().refine((tz) => {
        try {
          assertTimeZone(tz);
          return true;
        } catch {
          return false;
        }
      }, 'unknown IANA time zone'),
      default_window: windowText.nullable(),
      windows_by_role: z.record(z.string().min(1), windowText),
    }),
    environment: z.strictObject({
      /** Lower-case environment name → score. */
      scores: z.record(z.string().min(1), score),
      unknown_score: score,
      external_score: score,
      /** A host equal to one of these or ending in `.` + one of these is internal. */
      internal_domain_suffixes: z.array(z.string().min(1).regex(/^[^.].*[^.]$|^[^.]$/, 'no leading or trailing dot')),
      internal_cidrs: z.array(cidrText),
    }),
    behavioral: z.strictObject({
      novel_tool: score,
      novel_verb: score,
      novel_target: score,
      /** A key seen in less than this share of the agent's actions is rare. */
      rare_share: fraction,
      rare_score: score,
      /** Current rate / typical rate at which a spike starts scoring, and where it reaches spike_score. */
      spike_ratio: z.number().min(1),
      spike_full_ratio: z.number().min(1),
      spike_score: score,
    }).refine((b) => b.spike_full_ratio > b.spike_ratio, 'spike_full_ratio must exceed spike_ratio'),
    sequence: z.strictObject({
      window_seconds: positiveInt,
      /** A read counts as sensitive when its payload_sensitivity reaches this, or its resource matches. */
      sensitive_read_min_score: score,
      /** Lower-case substrings of a target resource or system that make a read sensitive. */
      sensitive_resources: z.array(z.string().min(1)),
      sensitive_then_external: score,
      delete_burst: z.strictObject({ window_seconds: positiveInt, count: positiveInt, score }),
      blocked_repeats: z.strictObject({ count: positiveInt, score }),
      privilege_after_denial: score,
      fan_out: z.strictObject({ window_seconds: positiveInt, targets: positiveInt, score }),
    }),
    baseline: z.strictObject({
      /** The baseline is learning (no behavioral or hour signal) until both limits are reached. */
      min_observations: positiveInt,
      min_span_hours: z.number().min(0),
      /** Distinct tools / verbs / targets / types kept per agent; the least frequent are evicted. */
      max_keys: positiveInt,
      rate_half_life_seconds: z.number().positive(),
      /** Smoothing of the typical rate (EWMA over the short-term rate seen at each action). */
      typical_rate_alpha: z.number().gt(0).max(1),
    }),
  })
  .superRefine((settings, ctx) => {
    const check = (review: number, block: number, path: (string | number)[]): void => {
      if (review > block) ctx.addIssue({ code: 'custom', path, message: `review_at (${review}) must not exceed block_at (${block})` });
    };
    check(settings.thresholds.review_at, settings.thresholds.block_at, ['thresholds']);
    for (const [env, pair] of Object.entries(settings.thresholds.by_environment)) {
      check(pair.review_at ?? settings.thresholds.review_at, pair.block_at ?? settings.thresholds.block_at, ['thresholds', 'by_environment', env]);
    }
  });

export type RiskSettings = z.infer<typeof RiskSettingsSchema>;

const DEFAULT_FINDING_WEIGHTS: Record<FindingType, number> = {
  EMAIL: 20, PHONE: 20, US_SSN: 85, PASSPORT: 80, DATE_OF_BIRTH: 40, STREET_ADDRESS: 35, IP_ADDRESS: 10,
  CREDIT_CARD: 85, IBAN: 60, SWIFT_BIC: 20, US_BANK_ROUTING: 30, BANK_ACCOUNT: 60,
  MEDICAL_RECORD: 75, NPI: 25, ICD10_CODE: 60,
  AWS_ACCESS_KEY: 80, AWS_SECRET_KEY: 100, GITHUB_TOKEN: 95, GITLAB_TOKEN: 95, SLACK_TOKEN: 85, STRIPE_KEY: 95,
  OPENAI_KEY: 90, ANTHROPIC_KEY: 90, PRIVATE_KEY: 100, JWT: 70, PASSWORD: 90, CONNECTION_STRING: 95, GENERIC_SECRET: 80,
  PROMPT_INJECTION: 90, EXFILTRATION: 100, SQL_INJECTION: 90, PATH_TRAVERSAL: 80, SHELL_INJECTION: 95,
};

function verbs(cls: SeverityClass, names: string[]): [string, SeverityClass][] {
  return names.map((name) => [name, cls]);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Settings are frozen: the compiled form is cached per settings object, so they must never mutate. */
export function freezeSettings(settings: RiskSettings): Readonly<RiskSettings> {
  return deepFreeze(settings);
}

export const DEFAULT_RISK_SETTINGS: Readonly<RiskSettings> = freezeSettings({
  weights: {
    action_severity: 0.15,
    payload_sensitivity: 0.2,
    temporal_deviation: 0.1,
    environment: 0.1,
    behavioral_deviation: 0.15,
    sequence_correlation: 0.1,
    threat_signals: 0.2,
  },
  floor: {
    critical_at: 80,
    ratios: {
      action_severity: 0,
      payload_sensitivity: 0.8,
      temporal_deviation: 0,
      environment: 0,
      behavioral_deviation: 0.7,
      sequence_correlation: 0.85,
      threat_signals: 0.9,
    },
    corroboration: 10,
  },
  thresholds: { review_at: 60, block_at: 85, by_environment: {} },
  severity: {
    class_scores: { delete: 90, privilege: 80, write: 55, external_call: 45, read: 15, unknown: 40 },
    verbs: Object.fromEntries([
      ...verbs('delete', ['delete', 'remove', 'drop', 'destroy', 'truncate', 'purge', 'rm', 'unlink', 'erase', 'wipe', 'terminate']),
      ...verbs('privilege', ['grant', 'revoke', 'chmod', 'chown', 'sudo', 'assume_role', 'set_role', 'add_member', 'elevate', 'impersonate', 'set_permissions', 'create_key', 'create_user']),
      ...verbs('write', ['write', 'update', 'create', 'insert', 'put', 'patch', 'post', 'upsert', 'modify', 'set', 'edit', 'append', 'upload', 'commit', 'push', 'merge', 'alter', 'execute', 'exec', 'run']),
      ...verbs('external_call', ['send', 'call', 'invoke', 'request', 'publish', 'notify', 'email', 'message']),
      ...verbs('read', ['read', 'get', 'list', 'select', 'query', 'search', 'fetch', 'head', 'options', 'describe', 'view', 'download', 'show', 'count']),
    ]),
    types: { db_query: 'read', db_write: 'write', shell: 'write', email: 'external_call', http_request: 'external_call' },
    tools: {},
  },
  finding_weights: DEFAULT_FINDING_WEIGHTS,
  temporal: { outside_window: 70, unusual_hour: 50, timezone: 'UTC', default_window: null, windows_by_role: {} },
  environment: {
    scores: { production: 60, prod: 60, staging: 25, stage: 25, qa: 15, test: 10, dev: 10, development: 10, sandbox: 5, local: 5 },
    unknown_score: 40,
    external_score: 50,
    internal_domain_suffixes: ['internal', 'local', 'localhost', 'lan', 'intranet', 'corp', 'svc.cluster.local'],
    internal_cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10', '::1/128', 'fc00::/7', 'fe80::/10'],
  },
  behavioral: {
    novel_tool: 60,
    novel_verb: 30,
    novel_target: 50,
    rare_share: 0.02,
    rare_score: 30,
    spike_ratio: 3,
    spike_full_ratio: 10,
    spike_score: 70,
  },
  sequence: {
    window_seconds: 600,
    sensitive_read_min_score: 40,
    sensitive_resources: ['customer', 'user', 'patient', 'payroll', 'salary', 'secret', 'credential', 'password', 'billing', 'ssn', 'medical'],
    sensitive_then_external: 85,
    delete_burst: { window_seconds: 60, count: 5, score: 80 },
    blocked_repeats: { count: 2, score: 60 },
    privilege_after_denial: 90,
    fan_out: { window_seconds: 300, targets: 10, score: 65 },
  },
  baseline: {
    min_observations: 100,
    min_span_hours: 24,
    max_keys: 256,
    rate_half_life_seconds: 60,
    typical_rate_alpha: 0.01,
  },
});

export class RiskSettingsError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid risk settings: ${issues.join('; ')}`);
  }
}

/** Validates unknown input (a file, an API body) into frozen settings, or throws RiskSettingsError. */
export function parseRiskSettings(input: unknown): Readonly<RiskSettings> {
  const result = RiskSettingsSchema.safeParse(input);
  if (!result.success) {
    throw new RiskSettingsError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return freezeSettings(result.data);
}
