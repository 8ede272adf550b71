import type { Portcullis } from '../client.js';
import { blockedMessage, PolicyBlockedError } from '../errors.js';
import { defaultPayload, runAndReport, runAndReportStream } from '../guard.js';
import type { Action } from '../types.js';

export interface GuardToolsOptions {
  /**
   * `throw` (default): a blocked call throws `PolicyBlockedError` (Vercel AI turns a thrown tool
   * error into a `tool-error` result the model reads; LangChain's `invoke` rejects with it; the
   * OpenAI Agents SDK ends the run with it).
   * `explain`: a blocked call returns the explanation as the tool's result, so the model reads it
   * and the loop carries on.
   */
  onBlock?: 'throw' | 'explain';
  /** Adds what the tool name and input alone do not say: a verb, a target, another type. */
  describe?: (tool: string, input: unknown) => Partial<Action>;
  sessionId?: string;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** How one call of a tool goes through Portcullis; `guardOne` only says where the call is. */
interface Guarded {
  /** Evaluates, then runs `run` if allowed; resolves with its result (or the explanation). */
  call(tool: string, input: unknown, run: () => unknown, signal?: AbortSignal): Promise<unknown>;
  /** The same for a tool whose results stream: the wrapper itself has to be an async iterable. */
  stream(tool: string, input: unknown, run: () => AsyncIterable<unknown>, signal?: AbortSignal): AsyncGenerator<unknown>;
}

/**
 * Returns a copy of `tools` (a record or a list) where each tool runs only once Portcullis allows
 * it. The originals are not modified. Shapes recognised, by what they expose:
 * - a plain function (`{ name: fn }`);
 * - Vercel AI SDK `tool({ execute })`: `ai` calls `execute(input, { toolCallId, messages,
 *   abortSignal })`, and streams preliminary results when `execute` is an async generator;
 * - OpenAI Agents SDK `tool({...})` → `{ type: 'function', name, invoke(runContext, inputJson,
 *   details) }`; the runner always goes through `invoke`;
 * - LangChain.js tools (`tool(fn, {...})`, `DynamicStructuredTool`, `StructuredTool` subclasses):
 *   every path (`invoke`, `call`, `batch`, an agent's tool node) ends in
 *   `_call(parsedArgs, runManager, config)`, which is what gets guarded.
 * Anything else (e.g. a hosted tool the provider runs itself) is refused with a TypeError rather
 * than passed through unguarded.
 */
export function guardTools<T extends object>(pc: Portcullis, tools: T, options: GuardToolsOptions): T {
  /** A block throws; in `explain` mode it becomes the text the model reads instead. */
  const check = async (tool: string, input: unknown, signal: AbortSignal | undefined) => {
    const action: Action = { type: 'tool_call', tool, payload: input, ...options.describe?.(tool, input) };
    const verdict = await pc.evaluate(action, {
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
      ...(signal === undefined ? {} : { signal }),
    });
    if (verdict.allowed) return { decisionId: verdict.decisionId };
    if (options.onBlock === 'explain') return { explanation: blockedMessage(tool, verdict) };
    throw new PolicyBlockedError(verdict, tool);
  };
  const guarded: Guarded = {
    async call(tool, input, run, signal) {
      const verdict = await check(tool, input, signal);
      return 'explanation' in verdict ? verdict.explanation : runAndReport(pc, verdict.decisionId, run, signal);
    },
    async *stream(tool, input, run, signal) {
      const verdict = await check(tool, input, signal);
      if ('explanation' in verdict) yield verdict.explanation;
      else yield* runAndReportStream(pc, verdict.decisionId, run, signal);
    },
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

// The original method always runs with the original tool as `this` (not the copy): a class
// tool's own code may use `#private` fields, which exist only on the instance it constructed.
function guardOne(key: string, tool: unknown, guarded: Guarded): unknown {
  if (typeof tool === 'function') {
    const fn = tool as Method;
    return isAsyncGeneratorFunction(fn)
      ? (...args: unknown[]) => guarded.stream(key, defaultPayload(args), () => fn(...args) as AsyncIterable<unknown>)
      : (...args: unknown[]) => guarded.call(key, defaultPayload(args), () => fn(...args));
  }
  const shape = tool as Record<string, unknown> | null;
  if (shape && typeof shape.execute === 'function') {
    // Vercel AI SDK: the record key is the tool's name. `ai` tells a streaming tool by what
    // `execute` returns, an async iterable; an async wrapper would hand it a promise instead, and
    // the model would get the generator object as the result.
    const execute = shape.execute as Method;
    const signalOf = (args: unknown[]) => (args[1] as { abortSignal?: AbortSignal } | undefined)?.abortSignal;
    return copyWith(
      shape,
      'execute',
      isAsyncGeneratorFunction(execute)
        ? (...args: unknown[]) => guarded.stream(key, args[0], () => execute.apply(shape, args) as AsyncIterable<unknown>, signalOf(args))
        : (...args: unknown[]) => guarded.call(key, args[0], () => execute.apply(shape, args), signalOf(args)),
    );
  }
  if (shape && shape.type === 'function' && typeof shape.invoke === 'function') {
    // OpenAI Agents SDK FunctionTool: the input arrives as the model's JSON text; the runner puts
    // its abort signal (run cancelled, the tool's `timeoutMs`) in `details.signal`, which must
    // also cancel a pending review. `details` goes through untouched: the SDK keys state on it.
    const invoke = shape.invoke as Method;
    const name = toolName(shape) ?? key;
    return copyWith(shape, 'invoke', (...args: unknown[]) => {
      const [, input, details] = args as [unknown, unknown, { signal?: AbortSignal } | undefined];
      return guarded.call(name, typeof input === 'string' ? parseJson(input) : input, () => invoke.apply(shape, args), details?.signal);
    });
  }
  if (shape && typeof shape._call === 'function') {
    // LangChain.js: `call` parses the input with the tool's schema first, so `_call` sees the
    // parsed arguments; `config.signal` is the caller's abort signal. `_call` is usually a
    // prototype method, which the copy keeps, so it stays an instance of the tool's class.
    const call = shape._call as Method;
    const name = toolName(shape) ?? key;
    return copyWith(shape, '_call', (...args: unknown[]) => {
      const [input, , config] = args as [unknown, unknown, { signal?: AbortSignal } | undefined];
      return guarded.call(name, input, () => call.apply(shape, args), config?.signal);
    });
  }
  throw new TypeError(`guardTools: tool "${key}" has no execute, invoke or _call to guard`);
}

/**
 * A copy of `tool` with `key` replaced by `method`: the same prototype (a class instance keeps its
 * prototype methods and `instanceof`) and every own property with its descriptor (getters stay
 * getters; symbol-keyed and non-enumerable properties come along). `{ ...tool }` would drop the
 * prototype and snapshot each getter's value. A frozen or non-extensible tool gives a copy that is
 * the same.
 */
function copyWith(tool: object, key: string, method: (...args: unknown[]) => unknown): object {
  const descriptors = Object.getOwnPropertyDescriptors(tool);
  const own = descriptors[key];
  descriptors[key] = {
    value: method,
    writable: own?.writable ?? true,
    enumerable: own?.enumerable ?? false,
    configurable: own?.configurable ?? true,
  };
  const copy = Object.create(Object.getPrototypeOf(tool) as object | null, descriptors) as object;
  if (Object.isFrozen(tool)) Object.freeze(copy);
  else if (!Object.isExtensible(tool)) Object.preventExtensions(copy);
  return copy;
}

const isAsyncGeneratorFunction = (fn: unknown): boolean => Object.prototype.toString.call(fn) === '[object AsyncGeneratorFunction]';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
