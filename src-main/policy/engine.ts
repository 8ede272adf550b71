/**
 * The engine's entry points for the decision pipeline: compile a set of modules with data once,
 * then evaluate each module's deny/review/allow sets for an input, failing closed on errors.
 */
import type {
  ModuleEvaluation, PolicyEvalError, PolicyModuleMeta, RuleResult,
} from '../../src-shared/policy';
import { RegoError } from './errors';
import { asRegoError, Program, type PreparedPaths, type SourceFile } from './program';
import type { Limits } from './runtime';
import { fromJSON, isSet, lazyFromJSON, toJSON, type Value } from './value';

export type { SourceFile } from './program';
export { RegoError } from './errors';

/** Per-evaluation budget for pipeline decisions: tight, because a verdict is on the hot path. */
export const DECISION_LIMITS: Limits = { maxSteps: 100_000, timeoutMs: 50 };

const SETS = ['deny', 'review', 'allow'] as const;

export class PolicyEngine {
  /** The deny/review/allow paths of each package, resolved once: modules are evaluated per decision. */
  private readonly setPaths = new Map<string, PreparedPaths>();

  private constructor(readonly program: Program) {}

  /**
   * Parses and compiles all modules together with the base `data` document (plain JSON).
   * Throws RegoError (`rego_parse_error`, `rego_type_error`, …) with file:row:col.
   */
  static compile(modules: SourceFile[], data: unknown = {}): PolicyEngine {
    return new PolicyEngine(Program.compile(modules, fromJSON(data)));
  }

  /**
   * Converts JSON input once so several modules can share it. Lazily: rules read a few fields
   * of an input that carries the whole action payload and history.
   */
  static input(json: unknown): Value {
    return lazyFromJSON(json);
  }

  /** Evaluates `data.<package>.deny/review/allow` for one module. Never throws. */
  evaluateModule(meta: PolicyModuleMeta, input: Value, limits: Partial<Limits> = DECISION_LIMITS): ModuleEvaluation {
    const out: ModuleEvaluation = { module: meta, deny: [], review: [], allow: [] };
    let paths = this.setPaths.get(meta.package);
    if (!paths) {
      const pkg = meta.package.split('.');
      paths = this.program.preparePaths(SETS.map((name) => [...pkg, name]));
      this.setPaths.set(meta.package, paths);
    }
    const r = this.program.evalPrepared(paths, { input, limits, strict: true });
    if (r.error) {
      out.error = toEvalError(r.error);
      return out;
    }
    SETS.forEach((name, i) => { out[name] = toRuleResults(r.values[i]); });
    return out;
  }

  /** Evaluates every module against the same input (converted once). */
  evaluateModules(metas: readonly PolicyModuleMeta[], inputJson: unknown, limits?: Partial<Limits>): ModuleEvaluation[] {
    let input: Value;
    try {
      input = PolicyEngine.input(inputJson);
    } catch (e) {
      // e.g. input nested deeper than the stack allows: every module fails closed.
      const error = toEvalError(asRegoError(e));
      return metas.map((m) => ({ module: m, deny: [], review: [], allow: [], error }));
    }
    return metas.map((m) => this.evaluateModule(m, input, limits));
  }
}

function toEvalError(e: RegoError): PolicyEvalError {
  return { code: e.code, message: e.message };
}

/** Set elements become rule results; anything that is not an object is kept as its text. */
function toRuleResults(v: Value | undefined): RuleResult[] {
  if (v === undefined) return [];
  const items = isSet(v) ? v.sorted() : Array.isArray(v) ? (v as Value[]) : [v];
  return items.map((item) => {
    const j = toJSON(item);
    if (j !== null && typeof j === 'object' && !Array.isArray(j)) {
      const o = j as Record<string, unknown>;
      return { ...o, rule: String(o.rule ?? ''), reason: String(o.reason ?? '') };
    }
    const text = typeof j === 'string' ? j : JSON.stringify(j);
    return { rule: text, reason: text };
  });
}
