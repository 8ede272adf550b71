import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Portcullis, PolicyBlockedError, wrapOpenAI, type OnBlock, type WrapOptions } from '../../sdk/src/index';
import { deadUrl } from './support/faulty-endpoint';
import { startFakeOpenAI } from './support/fake-openai';
import { startRealPortcullis, type RealPortcullis } from './support/portcullis';
import type { ScriptedModelServer } from './support/scripted-model';
import { CALLS, describeTool } from './support/tool-scenarios';

/** The real `openai` client against a local server speaking the OpenAI wire format; the real Portcullis. */

let real: RealPortcullis;
let model: ScriptedModelServer;
const clients: Portcullis[] = [];

beforeAll(async () => {
  [real, model] = await Promise.all([startRealPortcullis(), startFakeOpenAI()]);
});
afterAll(async () => {
  await Promise.all(clients.map((pc) => pc.flush()));
  await Promise.all([real?.close(), model?.close()]);
});
beforeEach(() => {
  model.requests.length = 0;
});

function wrapped(onBlock: OnBlock, extra: WrapOptions = {}) {
  const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey() });
  clients.push(pc);
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${model.url}/v1`, maxRetries: 0 });
  return { pc, client: wrapOpenAI(client, pc, { onBlock, describe: describeTool, ...extra }) };
}

const chat = { model: 'gpt-test', messages: [{ role: 'user' as const, content: 'tidy up' }] };
const toolNames = (calls: { type: string; function?: { name: string } }[] | undefined) => (calls ?? []).map((call) => call.function?.name);

describe('chat.completions.create, not streamed', () => {
  it('strip: the blocked call is gone, the allowed one stays', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak] });
    const completion = await wrapped('strip').client.chat.completions.create(chat);
    const choice = completion.choices[0];
    expect(toolNames(choice?.message.tool_calls)).toEqual(['lookup_order']);
    expect(choice?.finish_reason).toBe('tool_calls');
  });

  it('explain: a blocked call becomes assistant text with the reasons, and the turn ends', async () => {
    model.script({ text: 'Sending it now.', calls: [CALLS.leak] });
    const completion = await wrapped('explain').client.chat.completions.create(chat);
    const message = completion.choices[0]?.message;
    expect(message?.tool_calls).toBeUndefined();
    expect(message?.content).toMatch(/^Sending it now\.\n\n\[Portcullis blocked the tool call http_post: .*AWS_ACCESS_KEY/);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('throw: the whole answer rejects, and the allowed sibling is reported abandoned', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak] });
    const allowedIds: string[] = [];
    const { pc, client } = wrapped('throw', { onVerdict: (call, verdict) => verdict.allowed && allowedIds.push(verdict.decisionId as string) });
    const error = await client.chat.completions.create(chat).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBlockedError);
    expect((error as PolicyBlockedError).matchedRules.map((rule) => rule.rule)).toContain('credentials_to_external_host');
    await pc.flush();
    expect(allowedIds).toHaveLength(1);
    expect(real.auditBodies('decision_outcome')).toContainEqual(expect.objectContaining({ decision_id: allowedIds[0], outcome: 'abandoned' }));
  });

  it('an agent loop never executes a blocked call (counted)', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak] }, { text: 'Done: the order is A-1001.', calls: [] });
    const { client } = wrapped('explain');
    const executed: Record<string, number> = {};
    const messages: ChatCompletionMessageParam[] = [...chat.messages];
    for (let turn = 0; turn < 5; turn++) {
      const message = (await client.chat.completions.create({ ...chat, messages })).choices[0]?.message;
      if (!message) break;
      messages.push(message);
      if (!message.tool_calls?.length) break;
      for (const call of message.tool_calls) {
        const name = call.type === 'function' ? call.function.name : call.custom.name;
        executed[name] = (executed[name] ?? 0) + 1;
        messages.push({ role: 'tool', tool_call_id: call.id, content: 'ok' });
      }
    }
    expect(executed).toEqual({ lookup_order: 1 });
    expect(messages.at(-1)).toMatchObject({ role: 'assistant', content: 'Done: the order is A-1001.' });
  });

  it('a review holds the answer until the operator decides', async () => {
    model.script({ calls: [CALLS.bulkDelete] });
    const pc = new Portcullis({
      url: real.url,
      apiKey: real.newAgentKey(),
      onReview: (response) => void real.operator.resolveReview({ decisionId: response.decision_id, verdict: 'approve' }),
    });
    clients.push(pc);
    const client = wrapOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: `${model.url}/v1`, maxRetries: 0 }), pc, { describe: describeTool });
    const completion = await client.chat.completions.create(chat);
    expect(toolNames(completion.choices[0]?.message.tool_calls)).toEqual(['delete_customers']);
  });

  it('with Portcullis down, no proposed call gets through (fail closed)', async () => {
    model.script({ calls: [CALLS.lookup] });
    const pc = new Portcullis({ url: await deadUrl(), apiKey: 'pca_x' });
    const client = wrapOpenAI(new OpenAI({ apiKey: 'sk-test', baseURL: `${model.url}/v1`, maxRetries: 0 }), pc, { onBlock: 'explain' });
    const message = (await client.chat.completions.create(chat)).choices[0]?.message;
    expect(message?.tool_calls).toBeUndefined();
    expect(message?.content).toMatch(/Portcullis unavailable .*failMode is closed/);
  });

  it('keeps withResponse() working and refuses to wrap twice', async () => {
    model.script({ calls: [CALLS.leak, CALLS.lookup] });
    const { pc, client } = wrapped('strip');
    const { data, response } = await client.chat.completions.create(chat).withResponse();
    expect(response.status).toBe(200);
    expect(toolNames(data.choices[0]?.message.tool_calls)).toEqual(['lookup_order']);
    expect(() => wrapOpenAI(client, pc)).toThrow(/already wrapped/);
  });
});

describe('chat.completions.create, streamed', () => {
  const collect = async (stream: AsyncIterable<ChatCompletionChunk>) => {
    let text = '';
    const calls = new Map<number, { id?: string; name: string; args: string }>();
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      text += choice?.delta.content ?? '';
      for (const delta of choice?.delta.tool_calls ?? []) {
        const call = calls.get(delta.index) ?? { name: '', args: '' };
        if (delta.id) call.id = delta.id;
        call.name += delta.function?.name ?? '';
        call.args += delta.function?.arguments ?? '';
        calls.set(delta.index, call);
      }
      finish = choice?.finish_reason ?? finish;
    }
    return { text, calls: [...calls.values()], finish };
  };

  it('strip: only the allowed call is streamed, whole, with the finish reason', async () => {
    model.script({ text: 'Let me check.', calls: [CALLS.leak, CALLS.lookup] });
    const stream = await wrapped('strip').client.chat.completions.create({ ...chat, stream: true });
    const result = await collect(stream);
    expect(result.text).toBe('Let me check.');
    expect(result.calls).toEqual([{ id: 'call_lookup', name: 'lookup_order', args: JSON.stringify(CALLS.lookup.args) }]);
    expect(result.finish).toBe('tool_calls');
  });

  it('explain: the blocked call arrives as text and the finish reason becomes stop', async () => {
    model.script({ calls: [CALLS.leak] });
    const result = await collect(await wrapped('explain').client.chat.completions.create({ ...chat, stream: true }));
    expect(result.calls).toEqual([]);
    expect(result.text).toMatch(/Portcullis blocked the tool call http_post/);
    expect(result.finish).toBe('stop');
  });

  it('throw: iterating the stream rejects before any call is seen', async () => {
    model.script({ calls: [CALLS.leak] });
    const stream = await wrapped('throw').client.chat.completions.create({ ...chat, stream: true });
    const seenCalls: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seenCalls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyBlockedError);
    expect(seenCalls).toEqual([]);
  });

  it("the client's own stream() helper gets the filtered calls", async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak] });
    const final = await wrapped('strip').client.chat.completions.stream(chat).finalChatCompletion();
    expect(toolNames(final.choices[0]?.message.tool_calls)).toEqual(['lookup_order']);
  });
});

describe('responses.create', () => {
  const input = 'tidy up';

  it('not streamed, explain: the blocked function_call becomes a message, output_text says why', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak] });
    const response = await wrapped('explain').client.responses.create({ model: 'gpt-test', input });
    expect(response.output.map((item) => item.type)).toEqual(['function_call', 'message']);
    expect(response.output_text).toMatch(/Portcullis blocked the tool call http_post/);
  });

  it('not streamed, strip: only allowed items remain', async () => {
    model.script({ text: 'On it.', calls: [CALLS.leak, CALLS.lookup] });
    const response = await wrapped('strip').client.responses.create({ model: 'gpt-test', input });
    expect(response.output.map((item) => (item.type === 'function_call' ? item.name : item.type))).toEqual(['message', 'lookup_order']);
    expect(response.output_text).toBe('On it.');
  });

  it('streamed, strip: the blocked item never appears and later output indexes close the gap', async () => {
    model.script({ calls: [CALLS.leak, CALLS.lookup] });
    const stream = await wrapped('strip').client.responses.create({ model: 'gpt-test', input, stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const added = events.filter((event) => event.type === 'response.output_item.added');
    expect(added.map((event) => [event.output_index, event.item.type === 'function_call' && event.item.name])).toEqual([[0, 'lookup_order']]);
    expect(JSON.stringify(events)).not.toContain('AKIA');
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    const completed = events.at(-1);
    expect(completed?.type === 'response.completed' && completed.response.output.map((item) => item.type)).toEqual(['function_call']);
  });

  it("streamed, explain, through the client's responses.stream() helper", async () => {
    model.script({ calls: [CALLS.leak] });
    const final = await wrapped('explain').client.responses.stream({ model: 'gpt-test', input }).finalResponse();
    const [message] = final.output;
    expect(message?.type).toBe('message');
    const part = message?.type === 'message' ? message.content[0] : undefined;
    expect(part?.type === 'output_text' && part.text).toMatch(/Portcullis blocked the tool call http_post: .*AWS_ACCESS_KEY/);
  });

  it('streamed and cut short (incomplete): an unfinished call is still judged before it is passed on', async () => {
    model.script({ calls: [CALLS.lookup, CALLS.leak], cut: true });
    const stream = await wrapped('strip').client.responses.create({ model: 'gpt-test', input, stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(JSON.stringify(events)).not.toContain('AKIA');
    const last = events.at(-1);
    expect(last?.type).toBe('response.incomplete');
    expect(last?.type === 'response.incomplete' && last.response.output.map((item) => item.type === 'function_call' && item.name)).toEqual(['lookup_order']);
  });

  it('streamed, throw: rejects', async () => {
    model.script({ calls: [CALLS.leak] });
    const stream = await wrapped('throw').client.responses.create({ model: 'gpt-test', input, stream: true });
    await expect((async () => {
      for await (const _event of stream) void _event;
    })()).rejects.toBeInstanceOf(PolicyBlockedError);
  });
});
