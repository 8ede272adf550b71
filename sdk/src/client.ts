import { PolicyBlockedError } from './errors.js';
import { guardFunction, type GuardMeta } from './guard.js';
import { callEndpoint, type CallResult } from './http.js';
import { guardTools, type GuardToolsOptions } from './tools/guard-tools.js';
import type { Action, EvaluateRequest, EvaluateResponse, Outcome, OutcomeRequest } from './types.js';
import { isEvaluateResponse } from './validate.js';
import { blockVerdict, settledVerdict, type AllowVerdict, type Verdict } from './verdict.js';

export interface PortcullisOptions {
  /** Base URL of the Portcullis service, e.g. `http://127.0.0.1:7440`. */
  url: string;
  /** The agent's key (`pca_…`); it identifies the agent, its role and environment. */
  apiKey: string;
  /**
   * What an unusable endpoint means (unreachable, timed out, 5xx, an answer that is not an
   * evaluation). `closed` (default): block. `open`: allow and say so in the verdict. A refused
   * request (bad key, invalid action) and a review that cannot be followed up always block.
   */
  failMode?: 'closed' | 'open';
  /** Budget for one call to the endpoint, retries included. Default 2000 ms. */
  timeoutMs?: number;
  /** How long `evaluate` waits for a human on a `review` before treating it as a block. Default 10 min. */
  reviewTimeoutMs?: number;
  /** Extra attempts where resending is safe. Default 2. */
  retries?: number;
  /** Sent with every evaluation unless the call names its own; lets sequence rules see a session. */
  sessionId?: string;
  /** Called once when an action goes to review, before the wait: e.g. to tell the user. */
  onReview?: (response: EvaluateResponse, action: Action) => void;
  /**
   * Checks an approval before the action runs; false turns it into a block. The place to verify
   * signed approvals (see `Approval`).
   */
  verifyApproval?: (verdict: AllowVerdict) => boolean | Promise<boolean>;
  /** Failures of background outcome reports. Default: a process warning. */
  onError?: (error: Error) => void;
}

export interface EvaluateOptions {
  sessionId?: string;
  /** Cancels the call and any review wait; a cancelled evaluation is a block. */
  signal?: AbortSignal;
  reviewTimeoutMs?: number;
  /** Called when this action goes to review, besides the client's own `onReview`. */
  onReview?: (response: EvaluateResponse, action: Action) => void;
}

const DEFAULT_TIMEOUT_MS = 2_000;
const DEFAULT_REVIEW_TIMEOUT_MS = 600_000;
/** One long-poll at most this long, so no proxy or idle timeout cuts it. */
const POLL_SLICE_MS = 25_000;

/** The agent's side of Portcullis: ask before acting, and say what happened after. */
export class Portcullis {
  private readonly base: string;
  private readonly options: PortcullisOptions & Required<Pick<PortcullisOptions, 'failMode' | 'timeoutMs' | 'reviewTimeoutMs' | 'retries'>>;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(options: PortcullisOptions) {
    if (!/^https?:\/\//.test(options.url)) throw new TypeError(`Portcullis url must be http(s): ${options.url}`);
    if (!options.apiKey) throw new TypeError('Portcullis apiKey is required');
    this.base = options.url.replace(/\/+$/, '');
    this.options = {
      ...options,
      failMode: options.failMode ?? 'closed',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      reviewTimeoutMs: options.reviewTimeoutMs ?? DEFAULT_REVIEW_TIMEOUT_MS,
      retries: options.retries ?? 2,
    };
  }

  /** Asks whether `action` may run. A `review` is waited for; the result is always allow or block. */
  async evaluate(action: Action, options: EvaluateOptions = {}): Promise<Verdict> {
    const sessionId = options.sessionId ?? this.options.sessionId;
    const request: EvaluateRequest = sessionId === undefined ? { action } : { action, session_id: sessionId };
    const result = await this.call('POST', '/v1/evaluate', request, this.options.timeoutMs, 'once', options.signal);
    if (!result.ok) {
      // A cancelled evaluation is a block whatever the fail mode: nobody said yes.
      if (options.signal?.aborted) return blockVerdict('unavailable', ['the evaluation was cancelled by the caller']);
      return this.failure(result);
    }
    if (!isEvaluateResponse(result.body)) return this.failure(garbage(result.status));
    const response = result.body;
    if (response.status !== 'pending') return settledVerdict(response);
    this.options.onReview?.(response, action);
    options.onReview?.(response, action);
    const verdict = await this.awaitReview(response, options);
    if (verdict.basis === 'unresolved') {
      // This agent will not run it even if approved later: tell the approvers.
      this.reportOutcomeInBackground(response.decision_id, 'abandoned', 'the agent stopped waiting for a verdict');
    }
    if (verdict.allowed && verdict.basis === 'approved' && this.options.verifyApproval) {
      if (!(await this.options.verifyApproval(verdict))) {
        return blockVerdict('unverified', [...verdict.reasons, 'the approval did not pass verifyApproval'], verdict.response);
      }
    }
    return verdict;
  }

  /** Like `evaluate`, but throws `PolicyBlockedError` unless the action may run. */
  async enforce(action: Action, options: EvaluateOptions = {}): Promise<AllowVerdict> {
    const verdict = await this.evaluate(action, options);
    if (!verdict.allowed) throw new PolicyBlockedError(verdict, action.tool ?? action.type);
    return verdict;
  }

  /** Records what became of an evaluated action. Resolves false when the service did not take it. */
  async reportOutcome(decisionId: string, outcome: Outcome, detail?: string): Promise<boolean> {
    const body: OutcomeRequest = detail === undefined ? { outcome } : { outcome, detail: detail.slice(0, 2000) };
    const result = await this.call('POST', `/v1/decisions/${encodeURIComponent(decisionId)}/outcome`, body, this.options.timeoutMs, 'once');
    if (!result.ok) this.reportError(new Error(`outcome ${outcome} for ${decisionId} not recorded: ${result.message}`));
    return result.ok;
  }

  /** `reportOutcome` without waiting for it; `flush` waits for every report still on its way. */
  reportOutcomeInBackground(decisionId: string, outcome: Outcome, detail?: string): void {
    const report = this.reportOutcome(decisionId, outcome, detail).finally(() => this.inFlight.delete(report));
    this.inFlight.add(report);
  }

  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Wraps `fn` so it runs only once Portcullis allows it, and reports how it went. */
  guard<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, meta: GuardMeta<A> = {}): (...args: A) => Promise<R> {
    return guardFunction(this, fn, meta);
  }

  /** Guards every tool of a record or list (OpenAI Agents SDK, Vercel AI SDK, LangChain.js shapes). */
  guardTools<T extends object>(tools: T, options: GuardToolsOptions = {}): T {
    return guardTools(this, tools, options);
  }

  private async awaitReview(first: EvaluateResponse, options: EvaluateOptions): Promise<Verdict> {
    const deadline = Date.now() + (options.reviewTimeoutMs ?? this.options.reviewTimeoutMs);
    const path = `/v1/decisions/${encodeURIComponent(first.decision_id)}`;
    let latest = first;
    for (let left = deadline - Date.now(); left > 0 && !options.signal?.aborted; left = deadline - Date.now()) {
      const sliceMs = Math.min(left, POLL_SLICE_MS);
      const result = await this.call('GET', `${path}?wait=${(sliceMs / 1000).toFixed(3)}`, undefined, sliceMs + this.options.timeoutMs, 'idempotent', options.signal);
      if (options.signal?.aborted) break;
      if (!result.ok || !isEvaluateResponse(result.body) || result.body.decision_id !== first.decision_id) {
        // The service asked for a human: losing track of the review never becomes fail-open.
        const why = result.ok ? 'the service answered the review poll with something else' : result.message;
        return blockVerdict('unavailable', [...latest.reasons, `lost track of the review: ${why}`], latest);
      }
      latest = result.body;
      if (latest.status !== 'pending') return settledVerdict(latest);
    }
    return settledVerdict(latest);
  }

  private failure(result: Extract<CallResult, { ok: false }>): Verdict {
    if (result.kind === 'refused') return blockVerdict('refused', [`Portcullis refused the request: ${result.message}`]);
    if (this.options.failMode === 'open') {
      return {
        allowed: true,
        basis: 'unavailable',
        decisionId: undefined,
        reasons: [`Portcullis unavailable (${result.message}); allowed because failMode is open`],
        matchedRules: [],
        response: undefined,
        approval: undefined,
      };
    }
    return blockVerdict('unavailable', [`Portcullis unavailable (${result.message}); blocked because failMode is closed`]);
  }

  private call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    retry: 'once' | 'idempotent',
    signal?: AbortSignal,
  ): Promise<CallResult> {
    return callEndpoint({ method, url: this.base + path, apiKey: this.options.apiKey, body, timeoutMs, retry, retries: this.options.retries, signal });
  }

  private reportError(error: Error): void {
    if (this.options.onError) this.options.onError(error);
    else process.emitWarning(error.message, 'PortcullisWarning');
  }
}

function garbage(status: number): Extract<CallResult, { ok: false }> {
  return { ok: false, kind: 'unavailable', status, message: `HTTP ${status} with an answer that is not an evaluation` };
}
