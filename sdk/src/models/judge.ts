import type { Portcullis } from '../client.js';
import { blockedMessage, PolicyBlockedError } from '../errors.js';
import type { Action } from '../types.js';
import type { BlockVerdict, Verdict } from '../verdict.js';

/** A tool call a model proposed, as the wrappers hand it to Portcullis. */
export interface ProposedToolCall {
  /** The provider's id for the call (`tool_calls[].id`, `call_id`, `tool_use.id`). */
  id: string;
  name: string;
  /** The arguments, parsed when they are JSON. */
  input: unknown;
  api: 'openai.chat' | 'openai.responses' | 'anthropic.messages';
  /** The action type the call stands for: `tool_call`, or `shell`/`file` for the providers' built-in local tools. */
  type: Action['type'];
}

/**
 * What happens to a proposed call Portcullis does not allow, before the agent sees it:
 * `throw` (default) rejects the whole response with `PolicyBlockedError`; `strip` removes the call;
 * `explain` replaces it with assistant text saying what was blocked and why, which an agent loop
 * handles like any answer (and, with no calls left, the turn ends normally).
 */
export type OnBlock = 'throw' | 'strip' | 'explain';

export interface WrapOptions {
  onBlock?: OnBlock;
  /** Adds what the tool name and arguments alone do not say: a verb, a target, another type. */
  describe?: (call: ProposedToolCall) => Partial<Action>;
  sessionId?: string;
  /**
   * Every verdict, allowed or not. The wrapper does not run tools, so this is where an agent loop
   * picks up `verdict.decisionId` to report the outcome with `pc.reportOutcome`.
   */
  onVerdict?: (call: ProposedToolCall, verdict: Verdict) => void;
}

export type Judged = { call: ProposedToolCall; verdict: Verdict };

/** Judges a batch of calls, in order; rejects in `throw` mode when one is blocked. */
export type JudgeCalls = (calls: ProposedToolCall[]) => Promise<Judged[]>;

export function parseArguments(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Judges calls in parallel. In `throw` mode a block rejects, and allowed siblings are reported abandoned. */
export async function judgeCalls(pc: Portcullis, calls: ProposedToolCall[], options: WrapOptions): Promise<Judged[]> {
  const judged = await Promise.all(
    calls.map(async (call): Promise<Judged> => {
      const action: Action = { type: call.type, tool: call.name, payload: call.input, ...options.describe?.(call) };
      const verdict = await pc.evaluate(action, options.sessionId === undefined ? {} : { sessionId: options.sessionId });
      options.onVerdict?.(call, verdict);
      return { call, verdict };
    }),
  );
  const blocked = judged.find((entry) => !entry.verdict.allowed);
  if (blocked && (options.onBlock ?? 'throw') === 'throw') {
    for (const { verdict } of judged) {
      if (verdict.allowed && verdict.decisionId) {
        pc.reportOutcomeInBackground(verdict.decisionId, 'abandoned', 'another call in the same response was blocked');
      }
    }
    throw new PolicyBlockedError(blocked.verdict as BlockVerdict, blocked.call.name);
  }
  return judged;
}

/** The text that replaces a blocked call in `explain` mode. */
export function explanation(call: ProposedToolCall, verdict: BlockVerdict): string {
  return `[${blockedMessage(`the tool call ${call.name}`, verdict)}. The call was not executed.]`;
}
