import {
  Agent,
  invokeFunctionTool,
  RunContext,
  Runner,
  ToolCallError,
  ToolTimeoutError,
  tool as agentsTool,
  Usage,
  type AgentInputItem,
  type AgentOutputItem,
  type Model,
  type ModelRequest,
  type ModelResponse,
} from '@openai/agents-core';
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { DynamicStructuredTool, DynamicTool, StructuredTool, tool as langchainTool } from '@langchain/core/tools';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { generateText, stepCountIs, streamText, tool as aiTool, type TextStreamPart } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Portcullis, PolicyBlockedError, type Action, type PortcullisOptions } from '../../sdk/src/index';
import { ACTIONS, eventually, startRealPortcullis, type RealPortcullis } from './support/portcullis';

/**
 * guardTools over the real frameworks (devDependencies of the repository, never of the SDK, which
 * only depends on their shapes): each tool is made by the framework's own factory or class, and is
 * called through the framework's own execution path — `ai`'s `generateText` with a mock model that
 * asks for the tool, an OpenAI Agents `Runner` with a local `Model`, LangChain's `invoke`/`call`
 * and a fake chat model's tool calls. The Portcullis side is the real service.
 */

let real: RealPortcullis;
beforeAll(async () => {
  real = await startRealPortcullis();
});
const clients: Portcullis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((pc) => pc.flush()));
  await real?.close();
});

const LEAK_INPUT = { url: ACTIONS.leak.target.url, body: `deploy key ${ACTIONS.leak.payload.key}` };
const SAFE_INPUT = { url: 'http://inventory.internal/api/stock', body: 'sku 1234' };
const httpPostSchema = z.object({ url: z.string(), body: z.string() });
type HttpPostInput = z.infer<typeof httpPostSchema>;
/** What the tool name and input alone do not say: an http_post goes to its `url`. */
const describeHttp = (tool: string, input: unknown): Partial<Action> =>
  tool === 'http_post' ? { type: 'http_request', verb: 'post', target: { url: (input as { url: string }).url } } : {};
/** A bulk delete in production: the starter policies send it to review. */
const describeDelete = (tool: string): Partial<Action> =>
  tool === 'delete_customers' ? { type: 'db_write', verb: 'delete', target: ACTIONS.bulkDelete.target, payload: ACTIONS.bulkDelete.payload } : {};
const DELETE_INPUT = { table: 'customers' };

const pcFor = (options: Partial<PortcullisOptions> = {}) => {
  const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey(), ...options });
  clients.push(pc);
  return pc;
};

/**
 * Marks the audit log; the function returned reads what it holds for the decisions made since:
 * each decision's tool, verdict and the outcomes the SDK reported for it.
 */
type TrailEntry = { tool: string; verdict: string; outcomes: unknown[] };
function auditSince(): () => TrailEntry[] {
  const start = real.auditBodies('decision').length;
  return () => {
    const outcomes = real.auditBodies('decision_outcome');
    return real
      .auditBodies('decision')
      .slice(start)
      .map((body) => {
        const decision = body as { decision_id: string; verdict: string; action: { tool: string } };
        return {
          tool: decision.action.tool,
          verdict: decision.verdict,
          outcomes: outcomes.filter((o) => o.decision_id === decision.decision_id).map((o) => o.outcome),
        };
      });
  };
}

/** The frameworks run the tool calls of one model answer concurrently: their order is not fixed. */
function expectSameEntries(actual: TrailEntry[], expected: TrailEntry[]) {
  expect(actual).toHaveLength(expected.length);
  expect(actual).toEqual(expect.arrayContaining(expected));
}

/** A tool body that counts its runs, so "never ran" is observed, not assumed. */
function counted<I, R>(body: (input: I) => R) {
  const runs: I[] = [];
  return {
    runs,
    fn: async (input: I) => {
      runs.push(input);
      return body(input);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Vercel AI SDK (`ai`): `generateText` runs the tool calls a (mock) language model proposes.

const USAGE = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
type ScriptedToolCall = { id: string; name: string; input: unknown };
/** A part of a language model's stream, as `ai`'s model interface (LanguageModelV3) defines it. */
type StreamPart = Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer P> ? P : never;

/** `ai`'s own MockLanguageModelV3: the first step asks for `calls`, the next one answers "done". */
function mockModel(calls: ScriptedToolCall[]) {
  let step = 0;
  return new MockLanguageModelV3({
    doGenerate: async () =>
      step++ === 0
        ? {
            content: calls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.id, toolName: call.name, input: JSON.stringify(call.input) })),
            finishReason: { unified: 'tool-calls' as const, raw: undefined },
            usage: USAGE,
            warnings: [],
          }
        : { content: [{ type: 'text' as const, text: 'done' }], finishReason: { unified: 'stop' as const, raw: undefined }, usage: USAGE, warnings: [] },
  });
}

/** The tool results `ai` sent back to the model in its second step, by tool call id. */
function toolResultsSent(model: MockLanguageModelV3): Record<string, unknown> {
  const prompt = model.doGenerateCalls[1]?.prompt ?? [];
  const results: Record<string, unknown> = {};
  for (const message of prompt) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) if (part.type === 'tool-result') results[part.toolCallId] = part.output;
  }
  return results;
}

describe('guardTools × Vercel AI SDK (ai)', () => {
  it('generateText runs an allowed tool() and hands a blocked one to the model as a tool error', async () => {
    const post = counted((_input: HttpPostInput) => ({ status: 200 }));
    const seenOptions: unknown[] = [];
    const http_post = aiTool({
      description: 'POST a body to a URL',
      inputSchema: httpPostSchema,
      execute: async (input, options) => {
        seenOptions.push(options);
        return post.fn(input);
      },
    });
    const trail = auditSince();
    const pc = pcFor();
    const tools = pc.guardTools({ http_post }, { describe: describeHttp });
    expect(tools.http_post.description).toBe('POST a body to a URL');
    expect(tools.http_post.inputSchema).toBe(httpPostSchema);
    const model = mockModel([
      { id: 'call-safe', name: 'http_post', input: SAFE_INPUT },
      { id: 'call-leak', name: 'http_post', input: LEAK_INPUT },
    ]);
    const abort = new AbortController();

    const result = await generateText({ model, tools, prompt: 'post the stock', stopWhen: stepCountIs(2), abortSignal: abort.signal });

    expect(result.text).toBe('done');
    expect(post.runs).toEqual([SAFE_INPUT]);
    // `ai`'s own options reached the original execute.
    expect(seenOptions).toEqual([expect.objectContaining({ toolCallId: 'call-safe', abortSignal: expect.any(AbortSignal), messages: expect.any(Array) })]);
    const [firstStep] = result.steps;
    expect(firstStep?.toolResults).toEqual([expect.objectContaining({ toolCallId: 'call-safe', output: { status: 200 } })]);
    const toolError = firstStep?.content.find((part) => part.type === 'tool-error');
    expect(toolError).toMatchObject({ toolCallId: 'call-leak', toolName: 'http_post' });
    expect((toolError as { error: unknown }).error).toBeInstanceOf(PolicyBlockedError);
    // …and `ai` told the model, as it does with any tool error.
    expect(toolResultsSent(model)).toEqual({
      'call-safe': { type: 'json', value: { status: 200 } },
      'call-leak': { type: 'error-text', value: expect.stringMatching(/^Portcullis blocked http_post: .*AWS_ACCESS_KEY/) },
    });
    await pc.flush();
    expectSameEntries(trail(), [
      { tool: 'http_post', verdict: 'allow', outcomes: ['executed'] },
      { tool: 'http_post', verdict: 'block', outcomes: [] },
    ]);
  });

  it('onBlock "explain": the model reads the reasons as the tool result; a failing tool is reported failed', async () => {
    let runs = 0;
    const http_post = aiTool({
      description: 'POST a body to a URL',
      inputSchema: httpPostSchema,
      execute: async (): Promise<string> => {
        runs++;
        throw new Error('inventory service is down');
      },
    });
    const trail = auditSince();
    const pc = pcFor();
    const model = mockModel([
      { id: 'call-leak', name: 'http_post', input: LEAK_INPUT },
      { id: 'call-safe', name: 'http_post', input: SAFE_INPUT },
    ]);
    await generateText({ model, tools: pc.guardTools({ http_post }, { describe: describeHttp, onBlock: 'explain' }), prompt: 'post', stopWhen: stepCountIs(2) });
    expect(runs).toBe(1);
    expect(toolResultsSent(model)).toEqual({
      'call-leak': { type: 'text', value: expect.stringMatching(/^Portcullis blocked http_post: .*\(decision [0-9a-f-]{36}\)$/) },
      'call-safe': { type: 'error-text', value: 'inventory service is down' },
    });
    await pc.flush();
    expectSameEntries(trail(), [
      { tool: 'http_post', verdict: 'block', outcomes: [] },
      { tool: 'http_post', verdict: 'allow', outcomes: ['failed'] },
    ]);
  });

  it('streamText: a streaming tool (async generator execute) still streams, and is reported when it has finished', async () => {
    const http_post = aiTool({
      description: 'POST a body to a URL',
      inputSchema: httpPostSchema,
      async *execute(input) {
        yield { status: 'connecting' };
        if (input.body === 'break') throw new Error('connection reset');
        yield { status: 'posted' };
      },
    });
    const BROKEN_INPUT = { ...SAFE_INPUT, body: 'break' };
    const trail = auditSince();
    const pc = pcFor();
    let step = 0;
    const model = new MockLanguageModelV3({
      doStream: async () => ({
        stream: convertArrayToReadableStream<StreamPart>(
          step++ === 0
            ? [
                { type: 'stream-start', warnings: [] },
                ...[
                  { id: 'call-safe', input: SAFE_INPUT },
                  { id: 'call-broken', input: BROKEN_INPUT },
                  { id: 'call-leak', input: LEAK_INPUT },
                ].map(({ id, input }) => ({ type: 'tool-call' as const, toolCallId: id, toolName: 'http_post', input: JSON.stringify(input) })),
                { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: USAGE },
              ]
            : [
                { type: 'stream-start', warnings: [] },
                { type: 'text-start', id: 't' },
                { type: 'text-delta', id: 't', delta: 'done' },
                { type: 'text-end', id: 't' },
                { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: USAGE },
              ],
        ),
      }),
    });
    const result = streamText({ model, tools: pc.guardTools({ http_post }, { describe: describeHttp }), prompt: 'post', stopWhen: stepCountIs(2) });
    const parts: TextStreamPart<{ http_post: typeof http_post }>[] = [];
    for await (const part of result.fullStream) parts.push(part);

    const resultsOf = (id: string) =>
      parts.flatMap((part) => (part.type === 'tool-result' && part.toolCallId === id ? [{ output: part.output, preliminary: part.preliminary ?? false }] : []));
    expect(resultsOf('call-safe')).toEqual([
      { output: { status: 'connecting' }, preliminary: true },
      { output: { status: 'posted' }, preliminary: true },
      { output: { status: 'posted' }, preliminary: false },
    ]);
    const errorOf = (id: string) => parts.flatMap((part) => (part.type === 'tool-error' && part.toolCallId === id ? [part.error] : []))[0];
    expect(errorOf('call-broken')).toEqual(new Error('connection reset'));
    expect(errorOf('call-leak')).toBeInstanceOf(PolicyBlockedError);
    expect(await result.text).toBe('done');
    await pc.flush();
    // `executed` / `failed` describe how the stream ended, not that it started.
    expectSameEntries(trail(), [
      { tool: 'http_post', verdict: 'allow', outcomes: ['executed'] },
      { tool: 'http_post', verdict: 'allow', outcomes: ['failed'] },
      { tool: 'http_post', verdict: 'block', outcomes: [] },
    ]);
  });

  it('a class-based, frozen tool with a getter: the copy keeps prototype methods, getters and frozenness', async () => {
    const post = counted((_input: HttpPostInput) => 'posted');
    class HttpPost {
      readonly inputSchema = httpPostSchema;
      get description() {
        return `POST a body to a URL (${this.target})`;
      }
      get target() {
        return 'any host';
      }
      async execute(input: HttpPostInput) {
        return post.fn(input);
      }
    }
    const http_post = Object.freeze(aiTool(new HttpPost()));
    const pc = pcFor();
    const tools = pc.guardTools({ http_post }, { describe: describeHttp });
    expect(tools.http_post).toBeInstanceOf(HttpPost);
    expect(tools.http_post.description).toBe('POST a body to a URL (any host)');
    expect(Object.isFrozen(tools.http_post)).toBe(true);
    expect(tools.http_post.execute).not.toBe(http_post.execute);
    const model = mockModel([
      { id: 'call-safe', name: 'http_post', input: SAFE_INPUT },
      { id: 'call-leak', name: 'http_post', input: LEAK_INPUT },
    ]);
    await generateText({ model, tools, prompt: 'post', stopWhen: stepCountIs(2) });
    expect(post.runs).toEqual([SAFE_INPUT]);
    expect(toolResultsSent(model)).toMatchObject({ 'call-safe': { type: 'text', value: 'posted' }, 'call-leak': { type: 'error-text' } });
  });

  it("generateText's abortSignal cancels a tool waiting for review: it never runs, and the review is abandoned", async () => {
    const remove = counted((_input: unknown) => 'deleted');
    const delete_customers = aiTool({ description: 'Delete customers', inputSchema: z.object({ table: z.string() }), execute: remove.fn });
    const abort = new AbortController();
    const trail = auditSince();
    const pc = pcFor({ onReview: () => abort.abort(new Error('the user closed the chat')) });
    const model = mockModel([{ id: 'call-delete', name: 'delete_customers', input: DELETE_INPUT }]);
    const result = await generateText({
      model,
      tools: pc.guardTools({ delete_customers }, { describe: describeDelete }),
      prompt: 'clean up',
      abortSignal: abort.signal,
    });
    expect(remove.runs).toEqual([]);
    const toolError = result.steps[0]?.content.find((part) => part.type === 'tool-error') as { error: unknown } | undefined;
    expect(toolError?.error).toBeInstanceOf(PolicyBlockedError);
    expect((toolError?.error as PolicyBlockedError).verdict.basis).toBe('unresolved');
    await pc.flush();
    expect(trail()).toEqual([{ tool: 'delete_customers', verdict: 'review', outcomes: ['abandoned'] }]);
  });
});

// ---------------------------------------------------------------------------------------------
// OpenAI Agents SDK (`@openai/agents-core`): a Runner with a local Model runs the tool calls.

/** A `Model` of the Agents SDK: the first turn calls the tools, the second answers with text. */
class ScriptedAgentModel implements Model {
  readonly requests: ModelRequest[] = [];
  constructor(private readonly calls: ScriptedToolCall[]) {}

  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(request);
    const output: AgentOutputItem[] =
      this.requests.length === 1
        ? this.calls.map((call) => ({ type: 'function_call', callId: call.id, name: call.name, arguments: JSON.stringify(call.input), status: 'completed' }))
        : [{ type: 'message', id: 'msg-1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'done' }] }];
    return { usage: new Usage(), output };
  }

  // eslint-disable-next-line require-yield
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error('not streamed in these tests');
  }

  /** The outputs of function calls the runner sent back to the model, by call id. */
  toolOutputsSent(): Record<string, unknown> {
    const input = this.requests[1]?.input;
    const items = (Array.isArray(input) ? input : []) as AgentInputItem[];
    return Object.fromEntries(
      items.flatMap((item) => (item.type === 'function_call_result' ? [[item.callId, item.output]] : [])),
    );
  }
}

const runner = new Runner({ tracingDisabled: true });

describe('guardTools × OpenAI Agents SDK (@openai/agents-core)', () => {
  it('FunctionTool.invoke(runContext, json) and invokeFunctionTool: runs only when allowed', async () => {
    const post = counted((_input: HttpPostInput) => 'posted');
    const http_post = agentsTool({ name: 'http_post', description: 'POST a body to a URL', parameters: httpPostSchema, execute: post.fn });
    const trail = auditSince();
    const pc = pcFor();
    const [guarded] = pc.guardTools([http_post], { describe: describeHttp });
    if (!guarded) throw new Error('no tool');
    expect(guarded).toMatchObject({ type: 'function', name: 'http_post', description: 'POST a body to a URL', parameters: http_post.parameters, strict: true });
    expect(await guarded.needsApproval(new RunContext(), SAFE_INPUT, 'c0')).toBe(false);

    expect(await guarded.invoke(new RunContext(), JSON.stringify(SAFE_INPUT))).toBe('posted');
    await expect(guarded.invoke(new RunContext(), JSON.stringify(LEAK_INPUT))).rejects.toBeInstanceOf(PolicyBlockedError);
    // The helper the runner itself uses (it adds the per-tool timeout around `invoke`).
    const viaHelper = invokeFunctionTool({ tool: guarded, runContext: new RunContext(), input: JSON.stringify(LEAK_INPUT) });
    await expect(viaHelper).rejects.toBeInstanceOf(PolicyBlockedError);
    expect(post.runs).toEqual([SAFE_INPUT]);
    // The original stays unguarded for whoever holds it.
    expect(await http_post.invoke(new RunContext(), JSON.stringify(LEAK_INPUT))).toBe('posted');
    await pc.flush();
    expect(trail()).toEqual([
      { tool: 'http_post', verdict: 'allow', outcomes: ['executed'] },
      { tool: 'http_post', verdict: 'block', outcomes: [] },
      { tool: 'http_post', verdict: 'block', outcomes: [] },
    ]);
  });

  it('Runner.run: an allowed call runs and its result goes back to the model', async () => {
    const post = counted((_input: HttpPostInput) => 'posted');
    const http_post = agentsTool({ name: 'http_post', description: 'POST a body to a URL', parameters: httpPostSchema, execute: post.fn });
    const trail = auditSince();
    const pc = pcFor();
    const model = new ScriptedAgentModel([{ id: 'call-safe', name: 'http_post', input: SAFE_INPUT }]);
    const agent = new Agent({ name: 'poster', instructions: 'post things', model, tools: pc.guardTools([http_post], { describe: describeHttp }) });
    const result = await runner.run(agent, 'post the stock');
    expect(result.finalOutput).toBe('done');
    expect(post.runs).toEqual([SAFE_INPUT]);
    expect(model.toolOutputsSent()).toEqual({ 'call-safe': { type: 'text', text: 'posted' } });
    await pc.flush();
    expect(trail()).toEqual([{ tool: 'http_post', verdict: 'allow', outcomes: ['executed'] }]);
  });

  it('Runner.run: a blocked call (onBlock "throw") never runs and ends the run: ToolCallError around the PolicyBlockedError', async () => {
    const post = counted((_input: HttpPostInput) => 'posted');
    const http_post = agentsTool({ name: 'http_post', description: 'POST a body to a URL', parameters: httpPostSchema, execute: post.fn });
    const trail = auditSince();
    const pc = pcFor();
    const model = new ScriptedAgentModel([{ id: 'call-leak', name: 'http_post', input: LEAK_INPUT }]);
    const agent = new Agent({ name: 'poster', instructions: 'post things', model, tools: pc.guardTools([http_post], { describe: describeHttp }) });
    const error = await runner.run(agent, 'post the key').catch((e: unknown) => e);
    // The SDK's own wrapper for a tool that threw past its error function, around our error.
    expect(error).toBeInstanceOf(ToolCallError);
    expect((error as ToolCallError).error).toBeInstanceOf(PolicyBlockedError);
    expect(post.runs).toEqual([]);
    expect(model.requests).toHaveLength(1);
    await pc.flush();
    expect(trail()).toEqual([{ tool: 'http_post', verdict: 'block', outcomes: [] }]);
  });

  it('Runner.run: onBlock "explain" hands the model the reasons and the run carries on', async () => {
    const post = counted((_input: HttpPostInput) => 'posted');
    const http_post = agentsTool({ name: 'http_post', description: 'POST a body to a URL', parameters: httpPostSchema, execute: post.fn });
    const model = new ScriptedAgentModel([
      { id: 'call-leak', name: 'http_post', input: LEAK_INPUT },
      { id: 'call-safe', name: 'http_post', input: SAFE_INPUT },
    ]);
    const tools = pcFor().guardTools([http_post], { describe: describeHttp, onBlock: 'explain' });
    const result = await runner.run(new Agent({ name: 'poster', instructions: 'post things', model, tools }), 'post');
    expect(result.finalOutput).toBe('done');
    expect(post.runs).toEqual([SAFE_INPUT]);
    expect(model.toolOutputsSent()).toEqual({
      'call-leak': { type: 'text', text: expect.stringMatching(/^Portcullis blocked http_post: .*AWS_ACCESS_KEY/) },
      'call-safe': { type: 'text', text: 'posted' },
    });
  });

  it("the tool's own timeoutMs cancels a pending review through details.signal", async () => {
    const remove = counted((_input: unknown) => 'deleted');
    const delete_customers = agentsTool({
      name: 'delete_customers',
      description: 'Delete customers',
      parameters: z.object({ table: z.string() }),
      execute: remove.fn,
      timeoutMs: 300,
      timeoutBehavior: 'raise_exception',
    });
    const trail = auditSince();
    const pc = pcFor();
    const [guarded] = pc.guardTools([delete_customers], { describe: describeDelete });
    if (!guarded) throw new Error('no tool');
    expect(guarded.timeoutMs).toBe(300);
    const invocation = invokeFunctionTool({ tool: guarded, runContext: new RunContext(), input: JSON.stringify(DELETE_INPUT) });
    await expect(invocation).rejects.toBeInstanceOf(ToolTimeoutError);
    // The review wait stopped with the timeout instead of running on for reviewTimeoutMs.
    await eventually(() => (trail()[0]?.outcomes.length ? trail() : undefined), 'the abandoned review', 5_000);
    expect(trail()).toEqual([{ tool: 'delete_customers', verdict: 'review', outcomes: ['abandoned'] }]);
    expect(remove.runs).toEqual([]);
  });

  it("the run's signal reaches the evaluation: aborting cancels a pending review, the tool never runs", async () => {
    const remove = counted((_input: unknown) => 'deleted');
    const delete_customers = agentsTool({ name: 'delete_customers', description: 'Delete customers', parameters: z.object({ table: z.string() }), execute: remove.fn });
    const abort = new AbortController();
    const trail = auditSince();
    const pc = pcFor({ onReview: () => abort.abort(new Error('the user closed the chat')) });
    const model = new ScriptedAgentModel([{ id: 'call-delete', name: 'delete_customers', input: DELETE_INPUT }]);
    const agent = new Agent({ name: 'cleaner', instructions: 'clean up', model, tools: pc.guardTools([delete_customers], { describe: describeDelete }) });
    const error = await runner.run(agent, 'clean up', { signal: abort.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolCallError);
    expect(((error as ToolCallError).error as PolicyBlockedError).verdict.basis).toBe('unresolved');
    expect(remove.runs).toEqual([]);
    await pc.flush();
    expect(trail()).toEqual([{ tool: 'delete_customers', verdict: 'review', outcomes: ['abandoned'] }]);
  });
});

// ---------------------------------------------------------------------------------------------
// LangChain.js (`@langchain/core`): tools run through `invoke` / `call`, as agents' tool nodes do.

describe('guardTools × LangChain.js (@langchain/core)', () => {
  it('tool(fn, { schema }): invoke, tool-call invoke and call run only when allowed; the block reaches the callbacks', async () => {
    const post = counted((_input: HttpPostInput) => 'posted');
    const http_post = langchainTool(post.fn, { name: 'http_post', description: 'POST a body to a URL', schema: httpPostSchema });
    const trail = auditSince();
    const pc = pcFor();
    const { http_post: guarded } = pc.guardTools({ http_post }, { describe: describeHttp });
    expect(guarded).toBeInstanceOf(DynamicStructuredTool);
    expect(guarded).not.toBe(http_post);
    expect(convertToOpenAITool(guarded)).toEqual(convertToOpenAITool(http_post));

    expect(await guarded.invoke(SAFE_INPUT)).toBe('posted');
    const message = await guarded.invoke({ type: 'tool_call', id: 'tc1', name: 'http_post', args: SAFE_INPUT });
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message).toMatchObject({ content: 'posted', tool_call_id: 'tc1', status: 'success' });

    const toolErrors: unknown[] = [];
    const callbacks = [{ handleToolError: (error: unknown) => void toolErrors.push(error) }];
    await expect(guarded.invoke(LEAK_INPUT, { callbacks })).rejects.toBeInstanceOf(PolicyBlockedError);
    await expect(guarded.invoke({ type: 'tool_call', id: 'tc2', name: 'http_post', args: LEAK_INPUT })).rejects.toBeInstanceOf(PolicyBlockedError);
    await expect(guarded.call(LEAK_INPUT)).rejects.toBeInstanceOf(PolicyBlockedError);
    expect(toolErrors).toEqual([expect.any(PolicyBlockedError)]);
    // The schema is checked before Portcullis is asked: bad input is LangChain's error, no decision.
    await expect(guarded.invoke({ url: 42 } as never)).rejects.toThrow(/did not match expected schema/);

    expect(post.runs).toEqual([SAFE_INPUT, SAFE_INPUT]);
    expect(await http_post.invoke(LEAK_INPUT)).toBe('posted'); // the original stays unguarded
    await pc.flush();
    expect(trail()).toEqual([
      { tool: 'http_post', verdict: 'allow', outcomes: ['executed'] },
      { tool: 'http_post', verdict: 'allow', outcomes: ['executed'] },
      { tool: 'http_post', verdict: 'block', outcomes: [] },
      { tool: 'http_post', verdict: 'block', outcomes: [] },
      { tool: 'http_post', verdict: 'block', outcomes: [] },
    ]);
  });

  it('a StructuredTool subclass with #private state and a prototype _call, in a chat model tool-calling loop', async () => {
    class HttpPostTool extends StructuredTool {
      name = 'http_post';
      description = 'POST a body to a URL';
      schema = httpPostSchema;
      readonly #sent: HttpPostInput[] = [];
      get sent() {
        return this.#sent;
      }
      protected async _call(input: HttpPostInput): Promise<string> {
        this.#sent.push(input);
        return `posted to ${input.url}`;
      }
    }
    const original = new HttpPostTool();
    const pc = pcFor();
    const [guarded] = pc.guardTools([original], { describe: describeHttp, onBlock: 'explain' });
    if (!guarded) throw new Error('no tool');
    expect(guarded).toBeInstanceOf(HttpPostTool);

    // The loop an agent runs: the model proposes tool calls, each goes through `tool.invoke(call)`,
    // and the ToolMessages go back to the model.
    const model = fakeModel()
      .respondWithTools([
        { id: 'tc-safe', name: 'http_post', args: SAFE_INPUT },
        { id: 'tc-leak', name: 'http_post', args: LEAK_INPUT },
      ])
      .respond(new AIMessage('done'));
    const llm = model.bindTools([guarded]);
    const messages: BaseMessage[] = [new HumanMessage('post the stock')];
    for (let turn = 0; turn < 3; turn++) {
      const answer = await llm.invoke(messages);
      messages.push(answer);
      if (!answer.tool_calls?.length) break;
      for (const call of answer.tool_calls) messages.push(await guarded.invoke({ ...call, type: 'tool_call' }));
    }
    expect(messages.at(-1)?.content).toBe('done');
    const toolMessages = model.calls[1]?.messages.filter((m): m is ToolMessage => m instanceof ToolMessage) ?? [];
    expect(toolMessages.map((m) => [m.tool_call_id, m.content])).toEqual([
      ['tc-safe', `posted to ${SAFE_INPUT.url}`],
      ['tc-leak', expect.stringMatching(/^Portcullis blocked http_post: .*AWS_ACCESS_KEY/)],
    ]);
    // The tool's private state lives on the original instance, which the guarded copy runs on.
    expect(original.sent).toEqual([SAFE_INPUT]);
    expect(await guarded.batch([SAFE_INPUT, LEAK_INPUT])).toEqual([`posted to ${SAFE_INPUT.url}`, expect.stringMatching(/^Portcullis blocked/)]);
    expect(original.sent).toEqual([SAFE_INPUT, SAFE_INPUT]);
  });

  it('DynamicTool (a string-input tool) and a frozen tool', async () => {
    const lookup = counted((query: string) => `stock for ${query}`);
    const stock = Object.freeze(new DynamicTool({ name: 'stock_lookup', description: 'Look up stock', func: lookup.fn }));
    const trail = auditSince();
    const pc = pcFor();
    const { stock: guarded } = pc.guardTools({ stock });
    expect(Object.isFrozen(guarded)).toBe(true);
    expect(await guarded.invoke('sku 1234')).toBe('stock for sku 1234');
    expect(lookup.runs).toEqual(['sku 1234']);
    await pc.flush();
    expect(trail()).toEqual([{ tool: 'stock_lookup', verdict: 'allow', outcomes: ['executed'] }]);
  });

  it("invoke's config.signal cancels a pending review: the tool never runs, and the review is abandoned", async () => {
    const remove = counted((_input: unknown) => 'deleted');
    const delete_customers = langchainTool(remove.fn, { name: 'delete_customers', description: 'Delete customers', schema: z.object({ table: z.string() }) });
    const abort = new AbortController();
    const trail = auditSince();
    const pc = pcFor({ onReview: () => abort.abort(new Error('the user closed the chat')) });
    const { delete_customers: guarded } = pc.guardTools({ delete_customers }, { describe: describeDelete });
    const error = await guarded.invoke(DELETE_INPUT, { signal: abort.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBlockedError);
    expect((error as PolicyBlockedError).verdict.basis).toBe('unresolved');
    expect(remove.runs).toEqual([]);
    await pc.flush();
    expect(trail()).toEqual([{ tool: 'delete_customers', verdict: 'review', outcomes: ['abandoned'] }]);
  });
});

describe('guardTools, framework-free', () => {
  it('plain functions, and onBlock "explain" hands the model the reasons instead of an exception', async () => {
    let runs = 0;
    const { http_post } = pcFor().guardTools(
      {
        http_post: async (_input: HttpPostInput) => {
          runs++;
          return 'posted';
        },
      },
      { describe: describeHttp, onBlock: 'explain' },
    );
    const answer = await http_post(LEAK_INPUT);
    expect(answer).toMatch(/^Portcullis blocked http_post: .*AWS_ACCESS_KEY.*\(decision [0-9a-f-]{36}\)$/);
    expect(runs).toBe(0);
    expect(await http_post(SAFE_INPUT)).toBe('posted');
    expect(runs).toBe(1);
  });

  it('refuses a tool it cannot guard instead of passing it through', () => {
    expect(() => pcFor().guardTools([{ type: 'hosted_tool', name: 'web_search' }])).toThrow(TypeError);
  });
});
