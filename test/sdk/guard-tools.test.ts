import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Portcullis, PolicyBlockedError, type Action } from '../../sdk/src/index';
import { ACTIONS, startRealPortcullis, type RealPortcullis } from './support/portcullis';

/**
 * guardTools over the tool shapes of three frameworks. The frameworks themselves are not
 * dependencies of this repository, so each shape is built here as the framework builds it
 * (`ai`'s `tool()`, `@openai/agents`'s `tool()`, `@langchain/core`'s `StructuredTool`); the
 * Portcullis side is the real service.
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
/** What the tool name and input alone do not say: an http_post goes to its `url`. */
const describeHttp = (tool: string, input: unknown): Partial<Action> =>
  tool === 'http_post' ? { type: 'http_request', verb: 'post', target: { url: (input as { url: string }).url } } : {};

const pcFor = () => {
  const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey() });
  clients.push(pc);
  return pc;
};

describe('guardTools', () => {
  it('Vercel AI SDK record: execute(input, options) runs only when allowed', async () => {
    const executed: unknown[] = [];
    const tools = {
      http_post: {
        description: 'POST a body to a URL',
        inputSchema: { type: 'object' },
        execute: async (input: { url: string; body: string }, _options: { toolCallId: string; messages: unknown[]; abortSignal?: AbortSignal }) => {
          executed.push(input);
          return { status: 200 };
        },
      },
    };
    const pc = pcFor();
    const guarded = pc.guardTools(tools, { describe: describeHttp });
    expect(guarded.http_post.description).toBe('POST a body to a URL');
    expect(await guarded.http_post.execute(SAFE_INPUT, { toolCallId: 'c1', messages: [] })).toEqual({ status: 200 });
    await expect(guarded.http_post.execute(LEAK_INPUT, { toolCallId: 'c2', messages: [] })).rejects.toBeInstanceOf(PolicyBlockedError);
    expect(executed).toEqual([SAFE_INPUT]);
    expect(tools.http_post.execute).not.toBe(guarded.http_post.execute);
    await pc.flush();
    expect(real.auditBodies('decision_outcome').at(-1)).toMatchObject({ outcome: 'executed' });
  });

  it('OpenAI Agents SDK FunctionTool list: invoke(runContext, json) runs only when allowed', async () => {
    const invoked: string[] = [];
    const httpPost = {
      type: 'function' as const,
      name: 'http_post',
      description: 'POST a body to a URL',
      parameters: { type: 'object', properties: {}, additionalProperties: false },
      strict: true,
      invoke: async (_runContext: unknown, input: string) => {
        invoked.push(input);
        return 'posted';
      },
      needsApproval: async () => false,
      isEnabled: async () => true,
    };
    const [guarded] = pcFor().guardTools([httpPost], { describe: describeHttp });
    expect(guarded?.name).toBe('http_post');
    expect(await guarded?.invoke({}, JSON.stringify(SAFE_INPUT))).toBe('posted');
    await expect(guarded?.invoke({}, JSON.stringify(LEAK_INPUT))).rejects.toBeInstanceOf(PolicyBlockedError);
    expect(invoked).toEqual([JSON.stringify(SAFE_INPUT)]);
  });

  it('LangChain.js StructuredTool: every path ends in the guarded _call', async () => {
    const ran: unknown[] = [];
    // The call chain of @langchain/core's StructuredTool: invoke → call → _call → func.
    class HttpPostTool {
      name = 'http_post';
      description = 'POST a body to a URL';
      lc_namespace = ['langchain', 'tools'];
      async invoke(input: unknown, config?: { signal?: AbortSignal }): Promise<unknown> {
        const toolCall = input as { type?: string; args?: unknown; id?: string };
        if (toolCall.type === 'tool_call') {
          return { type: 'tool', tool_call_id: toolCall.id, content: await this.call(toolCall.args, config) };
        }
        return this.call(input, config);
      }
      async call(args: unknown, config?: { signal?: AbortSignal }): Promise<unknown> {
        return this._call(args, undefined, config);
      }
      protected async _call(args: unknown, _runManager?: unknown, _config?: unknown): Promise<unknown> {
        ran.push(args);
        return 'posted';
      }
    }
    const original = new HttpPostTool();
    const { http_post: guarded } = pcFor().guardTools({ http_post: original }, { describe: describeHttp });
    expect(guarded).toBeInstanceOf(HttpPostTool);
    expect(await guarded.invoke(SAFE_INPUT)).toBe('posted');
    expect(await guarded.invoke({ type: 'tool_call', id: 'tc1', name: 'http_post', args: SAFE_INPUT })).toMatchObject({ content: 'posted' });
    await expect(guarded.call(LEAK_INPUT)).rejects.toBeInstanceOf(PolicyBlockedError);
    await expect(guarded.invoke({ type: 'tool_call', id: 'tc2', name: 'http_post', args: LEAK_INPUT })).rejects.toBeInstanceOf(PolicyBlockedError);
    expect(ran).toEqual([SAFE_INPUT, SAFE_INPUT]);
    // The original stays unguarded for whoever holds it: guardTools returns copies.
    expect(await original.call(LEAK_INPUT)).toBe('posted');
  });

  it('plain functions, and onBlock "explain" hands the model the reasons instead of an exception', async () => {
    let runs = 0;
    const { http_post } = pcFor().guardTools(
      {
        http_post: async (_input: { url: string; body: string }) => {
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
