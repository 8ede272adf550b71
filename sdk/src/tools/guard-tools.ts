import type { Portcullis } from '../client.js';
import { blockedMessage, PolicyBlockedError } from '../errors.js';
import { defaultPayload, runAndReport } from '../guard.js';
import type { Action } from '../types.js';

export interface GuardToolsOptions {
  /**
   * `throw` (default): a blocked call throws `PolicyBlockedError` (Vercel AI and LangChain turn a
   * thrown tool error into a message for the model; the OpenAI Agents SDK ends the run).
   * `explain`: a blocked call returns the explanation as the tool's result, so the model reads it
   * and the loop carries on.
   */
  onBlock?: 'throw' | 'explain';
  /** Adds what the tool name and input alone do not say: a verb, a target, another type. */
  describe?: (tool: string, input: unknown) => Partial<Action>;
  sessionId?: string;
}

type Fn = (...args: unknown[]) => unknown;
type Guarded = <R>(tool: string, input: unknown, run: () => R | Promise<R>, signal?: AbortSignal) => Promise<R | string>;

/**
 * Returns a copy of `tools` (a record or a list) where each tool runs only once Portcullis allows
 * it. The originals are not modified. Shapes recognised, by what they expose:
 * - a plain function (`{ name: fn }`);
 * - Vercel AI SDK `tool({ execute })`: `execute(input, { abortSignal })`;
 * - OpenAI Agents SDK `tool({...})` → `{ type: 'function', name, invoke(runContext, inputJson) }`;
 * - LangChain.js tools (`tool(fn, {...})`, `StructuredTool`): every path (`invoke`, `call`)
 *   ends in `_call(args, runManager, config)`, which is what gets guarded.
 * Anything else (e.g. a hosted tool the provider runs itself) is refused with a TypeError rather
 * than passed through unguarded.
 */
export function guardTools<T extends object>(pc: Portcullis, tools: T, options: GuardToolsOptions): T {
  const guarded: Guarded = async (tool, input, run, signal) => {
    const action: Action = { type: 'tool_call', tool, payload: input, ...options.describe?.(tool, input) };
    const verdict = await pc.evaluate(action, {
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
      ...(signal === undefined ? {} : { signal }),
    });
    if (!verdict.allowed) {
      if (options.onBlock === 'explain') return blockedMessage(tool, verdict);
      throw new PolicyBlockedError(verdict, tool);
    }
    return runAndReport(pc, verdict.decisionId, run, signal);
  };
  const wrap = (key: string, value: unknown) => guardOne(key, value, guarded);
  if (Array.isArray(tools)) {
    return tools.map((tool, index) => wrap(toolName(tool) ?? String(index), tool)) as T;
  }
  return Object.fromEntries(Object.entries(tools).map(([key, tool]) => [key, wrap(key, tool)])) as T;
}

function toolName(tool: unknown): string | undefined {
  const name = (tool as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.length > 0 ? name : undefined;
}

function guardOne(key: string, tool: unknown, guarded: Guarded): unknown {
  if (typeof tool === 'function') {
    return (...args: unknown[]) => guarded(key, defaultPayload(args), () => (tool as Fn)(...args));
  }
  const shape = tool as Record<string, unknown> | null;
  if (shape && typeof shape.execute === 'function') {
    // Vercel AI SDK: the record key is the tool's name.
    const execute = shape.execute as Fn;
    return {
      ...shape,
      execute: (input: unknown, callOptions?: { abortSignal?: AbortSignal }) =>
        guarded(key, input, () => execute.call(shape, input, callOptions), callOptions?.abortSignal),
    };
  }
  if (shape && shape.type === 'function' && typeof shape.invoke === 'function') {
    // OpenAI Agents SDK FunctionTool: the input arrives as the model's JSON text.
    const invoke = shape.invoke as Fn;
    const name = toolName(shape) ?? key;
    return {
      ...shape,
      invoke: (runContext: unknown, input: string, details?: unknown) =>
        guarded(name, parseJson(input), () => invoke.call(shape, runContext, input, details)),
    };
  }
  if (shape && typeof shape._call === 'function') {
    // LangChain.js: a class instance; a derived object keeps its prototype chain and fields.
    const call = shape._call as Fn;
    const name = toolName(shape) ?? key;
    return Object.create(shape, {
      _call: {
        value(this: unknown, args: unknown, runManager?: unknown, config?: { signal?: AbortSignal }) {
          return guarded(name, args, () => call.call(this, args, runManager, config), config?.signal);
        },
      },
    });
  }
  throw new TypeError(`guardTools: tool "${key}" has no execute, invoke or _call to guard`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
