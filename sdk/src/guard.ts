import type { Portcullis } from './client.js';
import { PolicyBlockedError } from './errors.js';
import type { Action, ActionTarget } from './types.js';

/**
 * Describes the action a guarded function performs. Static fields cover most tools; `describe`
 * sees the call's arguments for what depends on them (a URL, a table, an amount) and its result is
 * merged over the static fields.
 */
export interface GuardMeta<A extends unknown[]> {
  /** Default `tool_call`. */
  type?: Action['type'];
  /** Default: the function's name. */
  tool?: string;
  verb?: string;
  target?: ActionTarget;
  describe?: (...args: A) => Partial<Action>;
  sessionId?: string;
  /** Aborting it cancels a pending review wait; an approval arriving after it is abandoned. */
  signal?: AbortSignal;
}

/** The payload a call carries by default: its only argument, or the argument list. */
export const defaultPayload = (args: readonly unknown[]): unknown => (args.length === 1 ? args[0] : args);

export function describeCall<A extends unknown[]>(meta: GuardMeta<A>, fallbackTool: string, args: A): Action {
  const action: Action = { type: meta.type ?? 'tool_call', payload: defaultPayload(args) };
  const tool = meta.tool ?? fallbackTool;
  if (tool) action.tool = tool;
  if (meta.verb !== undefined) action.verb = meta.verb;
  if (meta.target !== undefined) action.target = meta.target;
  return meta.describe ? { ...action, ...meta.describe(...args) } : action;
}

export function guardFunction<A extends unknown[], R>(
  pc: Portcullis,
  fn: (...args: A) => R | Promise<R>,
  meta: GuardMeta<A>,
): (...args: A) => Promise<R> {
  return async function guarded(this: unknown, ...args: A): Promise<R> {
    const action = describeCall(meta, fn.name, args);
    const verdict = await pc.evaluate(action, {
      ...(meta.sessionId === undefined ? {} : { sessionId: meta.sessionId }),
      ...(meta.signal === undefined ? {} : { signal: meta.signal }),
    });
    if (!verdict.allowed) throw new PolicyBlockedError(verdict, action.tool ?? action.type);
    return runAndReport(pc, verdict.decisionId, () => fn.apply(this, args), meta.signal);
  };
}

/**
 * Runs an allowed action and reports `executed`, `failed` or (when the caller gave up while a
 * review was pending) `abandoned`. A fail-open allow has no decision and nothing to report.
 */
export async function runAndReport<R>(
  pc: Portcullis,
  decisionId: string | undefined,
  run: () => R | Promise<R>,
  signal?: AbortSignal,
): Promise<R> {
  const report = reporter(pc, decisionId);
  if (signal?.aborted) {
    report('abandoned', 'cancelled by the caller before it ran');
    throw signal.reason;
  }
  try {
    const result = await run();
    report('executed');
    return result;
  } catch (error) {
    report('failed', errorMessage(error));
    throw error;
  }
}

/**
 * `runAndReport` for an action whose results stream (an async generator tool): what became of it
 * is known only once the stream ends, so the outcome is reported then, not when it starts.
 */
export async function* runAndReportStream<T>(
  pc: Portcullis,
  decisionId: string | undefined,
  run: () => AsyncIterable<T>,
  signal?: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  const report = reporter(pc, decisionId);
  if (signal?.aborted) {
    report('abandoned', 'cancelled by the caller before it ran');
    throw signal.reason;
  }
  let settled = false;
  try {
    yield* run();
    settled = true;
    report('executed');
  } catch (error) {
    settled = true;
    report('failed', errorMessage(error));
    throw error;
  } finally {
    // The caller stopped reading part-way (`return()`): the action did run, just not to its end.
    if (!settled) report('executed', 'the caller stopped reading its results early');
  }
}

const reporter =
  (pc: Portcullis, decisionId: string | undefined) =>
  (outcome: 'executed' | 'failed' | 'abandoned', detail?: string): void => {
    if (decisionId !== undefined) pc.reportOutcomeInBackground(decisionId, outcome, detail);
  };

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
