import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Portcullis, PolicyBlockedError, wrapAnthropic, type OnBlock } from '../../sdk/src/index';
import { startFakeAnthropic } from './support/fake-anthropic';
import { deadUrl } from './support/faulty-endpoint';
import { startRealPortcullis, type RealPortcullis } from './support/portcullis';
import type { ScriptedModelServer } from './support/scripted-model';
import { CALLS, describeTool } from './support/tool-scenarios';

/** The real `@anthropic-ai/sdk` client against a local server speaking the Messages wire format; the real Portcullis. */

let real: RealPortcullis;
let model: ScriptedModelServer;
const clients: Portcullis[] = [];

beforeAll(async () => {
  [real, model] = await Promise.all([startRealPortcullis(), startFakeAnthropic()]);
});
afterAll(async () => {
  await Promise.all(clients.map((pc) => pc.flush()));
  await Promise.all([real?.close(), model?.close()]);
});
beforeEach(() => {
  model.requests.length = 0;
});

function wrapped(onBlock: OnBlock) {
  const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey() });
  clients.push(pc);
  const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: model.url, maxRetries: 0 });
  return wrapAnthropic(client, pc, { onBlock, describe: describeTool });
}

const request = { model: 'claude-test', max_tokens: 256, messages: [{ role: 'user' as const, content: 'tidy up' }] };
const toolUses = (content: Anthropic.ContentBlock[]) => content.filter((block) => block.type === 'tool_use').map((block) => block.name);

describe('messages.create, not streamed', () => {
  it('strip: the blocked tool_use is gone, the allowed one stays', async () => {
    model.script({ text: 'Working on it.', calls: [CALLS.leak, CALLS.lookup] });
    const message = await wrapped('strip').messages.create(request);
    expect(message.content.map((block) => block.type)).toEqual(['text', 'tool_use']);
    expect(toolUses(message.content)).toEqual(['lookup_order']);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('explain: the blocked tool_use becomes a text block, and the turn ends', async () => {
    model.script({ calls: [CALLS.leak] });
    const message = await wrapped('explain').messages.create(request);
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: expect.stringMatching(/Portcullis blocked the tool call http_post: .*AWS_ACCESS_KEY/) })]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('throw: rejects with the decision', async () => {
    model.script({ calls: [CALLS.leak] });
    const error = await wrapped('throw').messages.create(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBlockedError);
    expect((error as PolicyBlockedError).decisionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('with Portcullis down, no tool_use gets through (fail closed)', async () => {
    model.script({ calls: [CALLS.lookup] });
    const pc = new Portcullis({ url: await deadUrl(), apiKey: 'pca_x' });
    const client = wrapAnthropic(new Anthropic({ apiKey: 'sk-ant-test', baseURL: model.url, maxRetries: 0 }), pc, { onBlock: 'strip' });
    const message = await client.messages.create(request);
    expect(message.content).toEqual([]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('an agent loop never executes a blocked tool_use (counted)', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak] }, { text: 'All done.', calls: [] });
    const client = wrapped('explain');
    const executed: Record<string, number> = {};
    const messages: Anthropic.MessageParam[] = [...request.messages];
    for (let turn = 0; turn < 5; turn++) {
      const message = await client.messages.create({ ...request, messages });
      messages.push({ role: 'assistant', content: message.content });
      if (message.stop_reason !== 'tool_use') break;
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const block of message.content) {
        if (block.type !== 'tool_use') continue;
        executed[block.name] = (executed[block.name] ?? 0) + 1;
        results.push({ type: 'tool_result', tool_use_id: block.id, content: 'ok' });
      }
      messages.push({ role: 'user', content: results });
    }
    expect(executed).toEqual({ lookup_order: 1 });
    expect(model.requests).toHaveLength(2);
  });
});

describe('messages.create, streamed', () => {
  it('strip: the blocked block never streams, later indexes close the gap, input stays whole', async () => {
    model.script({ text: 'Sure.', calls: [CALLS.leak, CALLS.lookup] });
    const stream = await wrapped('strip').messages.create({ ...request, stream: true });
    const events: RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => [event.index, event.content_block.type])).toEqual([[0, 'text'], [1, 'tool_use']]);
    const json = events
      .filter((event) => event.type === 'content_block_delta' && event.delta.type === 'input_json_delta')
      .map((event) => (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta' ? event.delta.partial_json : ''))
      .join('');
    expect(JSON.parse(json)).toEqual(CALLS.lookup.args);
    expect(JSON.stringify(events)).not.toContain('AKIA');
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it("explain, through the client's messages.stream() helper (which uses withResponse)", async () => {
    model.script({ calls: [CALLS.leak] });
    const final = await wrapped('explain').messages.stream(request).finalMessage();
    expect(final.content).toEqual([expect.objectContaining({ type: 'text', text: expect.stringMatching(/Portcullis blocked the tool call http_post/) })]);
    expect(final.stop_reason).toBe('end_turn');
  });

  it('strip through messages.stream(): the final message has only the allowed tool_use, with its parsed input', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak] });
    const final = await wrapped('strip').messages.stream(request).finalMessage();
    expect(final.content).toEqual([expect.objectContaining({ type: 'tool_use', name: 'lookup_order', input: CALLS.lookup.args })]);
  });

  it('a stream cut inside a tool_use still never hands the call over unjudged', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak], cut: true });
    const stream = await wrapped('strip').messages.create({ ...request, stream: true });
    const events: RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => event.content_block.type === 'tool_use' && event.content_block.name)).toEqual(['lookup_order']);
    expect(JSON.stringify(events)).not.toContain('AKIA');
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
  });

  it('throw: iterating rejects', async () => {
    model.script({ calls: [CALLS.leak] });
    const stream = await wrapped('throw').messages.create({ ...request, stream: true });
    await expect((async () => {
      for await (const _event of stream) void _event;
    })()).rejects.toBeInstanceOf(PolicyBlockedError);
  });
});
