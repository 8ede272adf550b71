/**
 * Evaluation-time state shared by compiled closures: the context (input, data, caches,
 * `with` overrides), the step/time budget, and recorded builtin errors.
 */
import type { Builtin, BuiltinContext } from './builtins/registry';
import type { RuleSet } from './tree';
import { RegoError, type ErrorCode, type Location } from './errors';
import type { Value } from './value';

/** Variable slots of one rule body; `undefined` marks an unbound variable. */
export type Frame = (Value | undefined)[];
/** Continuations return true to stop the search (first solution is enough). */
export type Cont = () => boolean;
export type VCont = (v: Value) => boolean;
export type Proc = (ctx: Ctx, f: Frame, k: Cont) => boolean;
export type TermEval = (ctx: Ctx, f: Frame, k: VCont) => boolean;
export type PatFn = (ctx: Ctx, f: Frame, v: Value, k: Cont) => boolean;

export interface RecordedError {
  code: ErrorCode;
  message: string;
  location?: Location;
}

export interface Limits {
  /** Maximum evaluation steps (expressions, rule bodies, iterations). */
  maxSteps: number;
  /** Wall-clock budget in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = { maxSteps: 1_000_000, timeoutMs: 1_000 };

/** How a replaced function behaves under `with f as …`. */
export type Mock = { kind: 'value'; value: Value } | { kind: 'function'; key: string };

/**
 * State that is the same for the whole query, whatever `with` does. It is also the context
 * builtins see, so a query allocates nothing extra for its first builtin call.
 */
export class Shared implements BuiltinContext {
  steps = 0;
  errors: RecordedError[] = [];
  /** `time.now_ns`, read on first use and then fixed for the whole query. */
  private now: number | undefined;
  private active: Set<RuleSet> | null = null;

  constructor(
    readonly maxSteps: number,
    readonly deadline: number,
    readonly strict: boolean,
    readonly print: (text: string) => void,
    readonly builtins: ReadonlyMap<string, Builtin>,
    /** User functions by key (`data.pkg.f`), for `with f as g` replacements. */
    readonly functions: ReadonlyMap<string, RuleSet>,
  ) {}

  nowNs(): number {
    return (this.now ??= Date.now() * 1e6);
  }

  /** Functions being evaluated: Rego forbids recursion, so re-entry is an error. */
  get activeFunctions(): Set<RuleSet> {
    // Made on first use: most queries call no user function.
    return (this.active ??= new Set());
  }
}

const TIME_CHECK_MASK = 1023;

export class Ctx {
  /** Memoized full value of rule sets: `null` = in progress, `NO_VALUE` = undefined. */
  readonly cache = new Map<object, Value | null | typeof NO_VALUE>();

  constructor(
    readonly shared: Shared,
    readonly input: Value | undefined,
    readonly base: Value,
    /** Tree nodes whose rules are hidden by `with data…`; their base data is used instead. */
    readonly shadowed: ReadonlySet<object> | null,
    readonly mocks: ReadonlyMap<string, Mock> | null,
  ) {}

  step(): void {
    const s = this.shared;
    s.steps++;
    if (s.steps > s.maxSteps) {
      throw new RegoError('eval_budget_exceeded', `evaluation exceeded ${s.maxSteps} steps`);
    }
    if ((s.steps & TIME_CHECK_MASK) === 0 && Date.now() > s.deadline) {
      throw new RegoError('eval_budget_exceeded', 'evaluation exceeded its time budget');
    }
  }

  derive(input: Value | undefined, base: Value, shadowed: ReadonlySet<object> | null, mocks: ReadonlyMap<string, Mock> | null): Ctx {
    return new Ctx(this.shared, input, base, shadowed, mocks);
  }
}

export const NO_VALUE = Symbol('undefined');

export function unsafeVar(name: string, loc: Location): RegoError {
  return new RegoError('rego_unsafe_var_error', `var ${name} is unsafe`, loc);
}
