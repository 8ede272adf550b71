/**
 * Combines per-module policy results and the risk outcome into one verdict (DESIGN.md §3 step 6).
 * Pure: no I/O, no clock; the same inputs always give the same decision.
 */
import type { Verdict } from '../../src-shared/decision';
import type {
  DecisionSource, ModuleEvaluation, PolicyDecision, PolicyScope, RuleEffect, RuleMatch, RuleResult,
} from '../../src-shared/policy';

const SPECIFICITY: Record<PolicyScope, number> = { agent: 3, role: 2, org_unit: 1, org: 0 };
const SEVERITY: Record<Verdict, number> = { allow: 0, review: 1, block: 2 };
const EFFECT_VERDICT: Record<RuleEffect, Verdict> = { deny: 'block', review: 'review', allow: 'allow' };
const EFFECTS: RuleEffect[] = ['deny', 'review', 'allow'];

export interface CombineOptions {
  /** Policy outcome when no module yields anything. */
  defaultVerdict?: Verdict;
}

/** Modules in decision order: priority (higher first), then specificity, then id for stability. */
export function orderModules(evals: readonly ModuleEvaluation[]): ModuleEvaluation[] {
  return [...evals].sort((a, b) => b.module.priority - a.module.priority
    || SPECIFICITY[b.module.scope] - SPECIFICITY[a.module.scope]
    || (a.module.id < b.module.id ? -1 : a.module.id > b.module.id ? 1 : 0));
}

function moreRestrictive(a: Verdict, b: Verdict): Verdict {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

function strongestEffect(e: ModuleEvaluation): RuleEffect | null {
  return EFFECTS.find((eff) => e[eff].length > 0) ?? null;
}

function toMatch(e: ModuleEvaluation, effect: RuleEffect, r: RuleResult): RuleMatch {
  const m: RuleMatch = {
    module: e.module.id,
    scope: e.module.scope,
    effect,
    rule: String(r.rule),
    reason: String(r.reason),
    guardrail: e.module.guardrail,
    shadow: e.module.shadow,
    overrideRisk: effect === 'allow' && r.override_risk === true,
    decided: false,
  };
  if (typeof r.quorum === 'number') m.quorum = r.quorum;
  return m;
}

export function combine(evals: readonly ModuleEvaluation[], riskOutcome: Verdict, opts: CombineOptions = {}): PolicyDecision {
  const ordered = orderModules(evals);
  const matches: RuleMatch[] = [];
  const errors: PolicyDecision['errors'] = [];
  const byModule = new Map<ModuleEvaluation, RuleMatch[]>();
  for (const e of ordered) {
    const list = EFFECTS.flatMap((eff) => e[eff].map((r) => toMatch(e, eff, r)));
    byModule.set(e, list);
    matches.push(...list);
    if (e.error) errors.push({ module: e.module.id, shadow: e.module.shadow, error: e.error });
  }
  const live = ordered.filter((e) => !e.module.shadow);

  // A failing module fails closed: nothing may lower a block caused by an error.
  const failed = live.find((e) => e.error);
  if (failed) {
    return finish('block', 'block', riskOutcome, 'error', null,
      `policy module ${failed.module.id} failed: ${failed.error!.message}`, null);
  }

  // Guardrails: their deny and review always count.
  let guardVerdict: Verdict = 'allow';
  let guardMatch: RuleMatch | null = null;
  for (const e of live.filter((x) => x.module.guardrail)) {
    for (const m of byModule.get(e)!) {
      if (m.effect === 'allow') continue;
      const v = EFFECT_VERDICT[m.effect];
      if (!guardMatch || SEVERITY[v] > SEVERITY[guardVerdict]) {
        guardVerdict = v;
        guardMatch = m;
      }
    }
  }

  // Among the rest, the first module that yields anything decides.
  const deciding = live.find((e) => !e.module.guardrail && strongestEffect(e) !== null) ?? null;
  const decidingEffect = deciding ? strongestEffect(deciding)! : null;
  const decidingMatch = deciding ? byModule.get(deciding)!.find((m) => m.effect === decidingEffect)! : null;
  const moduleVerdict: Verdict = decidingEffect ? EFFECT_VERDICT[decidingEffect] : opts.defaultVerdict ?? 'allow';

  const policyOutcome = guardMatch ? moreRestrictive(guardVerdict, moduleVerdict) : moduleVerdict;
  const policyMatch = guardMatch && SEVERITY[guardVerdict] >= SEVERITY[moduleVerdict] ? guardMatch : decidingMatch;
  const policySource: DecisionSource = !policyMatch ? 'default' : policyMatch === guardMatch ? 'guardrail' : 'policy';

  // override_risk: an allow from the deciding module may lower a risk-based review only.
  const overrideMatch = decidingEffect === 'allow' && policyOutcome === 'allow'
    ? byModule.get(deciding!)!.find((m) => m.effect === 'allow' && m.overrideRisk) ?? null
    : null;
  if (riskOutcome === 'review' && policyOutcome === 'allow' && overrideMatch) {
    return finish('allow', policyOutcome, riskOutcome, 'override', overrideMatch,
      `${overrideMatch.rule}: ${overrideMatch.reason} (overrides risk review)`, deciding);
  }

  if (SEVERITY[riskOutcome] > SEVERITY[policyOutcome]) {
    return finish(riskOutcome, policyOutcome, riskOutcome, 'risk', null, `risk score requires ${riskOutcome}`, deciding);
  }
  const reason = policyMatch ? `${policyMatch.rule}: ${policyMatch.reason}` : 'no policy rule matched';
  return finish(policyOutcome, policyOutcome, riskOutcome, policySource, policyMatch, reason, deciding);

  function finish(
    verdict: Verdict, policy: Verdict, risk: Verdict, source: DecisionSource,
    decided: RuleMatch | null, why: string, decidingModule: ModuleEvaluation | null,
  ): PolicyDecision {
    if (decided) decided.decided = true;
    const counted = matches.filter((m) => !m.shadow && m.effect === 'review'
      && (m.guardrail || (decidingModule !== null && m.module === decidingModule.module.id)));
    const quorum = verdict === 'review' ? Math.max(1, ...counted.map((m) => m.quorum ?? 1)) : 0;
    return {
      verdict,
      policyOutcome: policy,
      riskOutcome: risk,
      source,
      decidingModule: decidingModule?.module.id ?? null,
      reason: why,
      quorum,
      matches,
      errors,
    };
  }
}
