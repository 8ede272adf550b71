/**
 * Lookup structures derived once per settings object (maps, parsed CIDRs and windows), so the hot
 * path does no parsing. Cached by object identity; settings are frozen, so the cache cannot go stale.
 */
import { RISK_FACTORS, type FindingType } from '../../src-shared/decision';
import { parseCidr, type Cidr } from './ip';
import { ALL_FINDING_TYPES, type RiskSettings, type SeverityClass } from './settings';
import { parseWindow, type OperatingWindow } from './window';

export interface CompiledRiskSettings {
  raw: Readonly<RiskSettings>;
  /** Indexed like RISK_FACTORS. */
  weights: Float64Array;
  weightSum: number;
  floorRatios: Float64Array;
  verbClass: Map<string, SeverityClass>;
  typeClass: Map<string, SeverityClass>;
  toolScore: Map<string, number>;
  findingWeight: Map<FindingType, number>;
  environmentScore: Map<string, number>;
  internalSuffixes: string[];
  internalCidrs: Cidr[];
  defaultWindow: OperatingWindow | undefined;
  windowsByRole: Map<string, OperatingWindow>;
  sensitiveResources: string[];
}

const cache = new WeakMap<object, CompiledRiskSettings>();

function lowerKeys<V>(record: Record<string, V>): Map<string, V> {
  return new Map(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}

function compile(raw: Readonly<RiskSettings>): CompiledRiskSettings {
  const weights = Float64Array.from(RISK_FACTORS, (name) => raw.weights[name]);
  return {
    raw,
    weights,
    weightSum: weights.reduce((sum, w) => sum + w, 0),
    floorRatios: Float64Array.from(RISK_FACTORS, (name) => raw.floor.ratios[name]),
    verbClass: lowerKeys(raw.severity.verbs),
    typeClass: lowerKeys(raw.severity.types),
    toolScore: new Map(Object.entries(raw.severity.tools)),
    findingWeight: new Map(ALL_FINDING_TYPES.map((type) => [type, raw.finding_weights[type]])),
    environmentScore: lowerKeys(raw.environment.scores),
    internalSuffixes: raw.environment.internal_domain_suffixes.map((s) => s.toLowerCase()),
    internalCidrs: raw.environment.internal_cidrs.map(parseCidr),
    defaultWindow: raw.temporal.default_window === null ? undefined : parseWindow(raw.temporal.default_window),
    windowsByRole: new Map(Object.entries(raw.temporal.windows_by_role).map(([role, text]) => [role, parseWindow(text)])),
    sensitiveResources: raw.sequence.sensitive_resources.map((s) => s.toLowerCase()),
  };
}

export function compileSettings(raw: Readonly<RiskSettings>): CompiledRiskSettings {
  let compiled = cache.get(raw);
  if (compiled === undefined) {
    compiled = compile(raw);
    cache.set(raw, compiled);
  }
  return compiled;
}
