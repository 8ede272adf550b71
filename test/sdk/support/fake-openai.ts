import type { ServerResponse } from 'node:http';
import { pieces, sse, startScriptedModel, type ScriptedModelServer, type ScriptedTurn } from './scripted-model';

/**
 * The OpenAI API as the official client sees it, for `chat.completions.create` and
 * `responses.create`, streamed (SSE chunks with tool_calls deltas; typed response events with
 * function_call items) and not. Point the client at `${url}/v1`.
 */
export function startFakeOpenAI(): Promise<ScriptedModelServer> {
  return startScriptedModel({
    'POST /v1/chat/completions': (body, turn, res) => (body.stream ? chatStream(turn, res) : chatWhole(turn, res)),
    'POST /v1/responses': (body, turn, res) => (body.stream ? responsesStream(turn, res) : responsesWhole(turn, res)),
  });
}

const created = 1_764_000_000;
const MODEL = 'gpt-test';

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_fake' }).end(JSON.stringify(body));
}

function chatWhole(turn: ScriptedTurn, res: ServerResponse): void {
  const toolCalls = turn.calls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.args) },
  }));
  json(res, {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created,
    model: MODEL,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: turn.text ?? null, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  });
}

function chatStream(turn: ScriptedTurn, res: ServerResponse): void {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    data: { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created, model: MODEL, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] },
  });
  const events = [chunk({ role: 'assistant', content: turn.text === undefined ? null : '' })];
  for (const part of turn.text === undefined ? [] : pieces(turn.text)) events.push(chunk({ content: part }));
  turn.calls.forEach((call, index) => {
    events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const part of pieces(JSON.stringify(call.args))) events.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
  });
  events.push(chunk({}, turn.calls.length > 0 ? 'tool_calls' : 'stop'));
  sse(res, events, true);
}

function responseBody(turn: ScriptedTurn, status: 'in_progress' | 'completed', output: unknown[]) {
  return {
    id: 'resp_fake',
    object: 'response',
    created_at: created,
    status,
    model: MODEL,
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    temperature: 1,
    top_p: 1,
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    usage: status === 'completed' ? { input_tokens: 10, output_tokens: 10, total_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } : null,
    text: turn.text,
  };
}

function outputItems(turn: ScriptedTurn) {
  const items: Record<string, unknown>[] = [];
  if (turn.text !== undefined) {
    items.push({ type: 'message', id: 'msg_fake', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: turn.text, annotations: [] }] });
  }
  for (const call of turn.calls) {
    items.push({ type: 'function_call', id: `fc_${call.id}`, call_id: call.id, name: call.name, arguments: JSON.stringify(call.args), status: 'completed' });
  }
  return items;
}

function responsesWhole(turn: ScriptedTurn, res: ServerResponse): void {
  const { text: _text, ...body } = responseBody(turn, 'completed', outputItems(turn));
  json(res, body);
}

function responsesStream(turn: ScriptedTurn, res: ServerResponse): void {
  let sequence = 0;
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => events.push({ event: type, data: { type, sequence_number: sequence++, ...fields } });
  const { text: _text, ...inProgress } = responseBody(turn, 'in_progress', []);
  emit('response.created', { response: inProgress });
  emit('response.in_progress', { response: inProgress });
  const items = outputItems(turn);
  items.forEach((item, outputIndex) => {
    if (item.type === 'message') {
      const text = turn.text ?? '';
      const ids = { item_id: item.id, output_index: outputIndex, content_index: 0 };
      emit('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      emit('response.content_part.added', { ...ids, part: { type: 'output_text', text: '', annotations: [] } });
      for (const part of pieces(text)) emit('response.output_text.delta', { ...ids, delta: part, logprobs: [] });
      emit('response.output_text.done', { ...ids, text, logprobs: [] });
      emit('response.content_part.done', { ...ids, part: { type: 'output_text', text, annotations: [] } });
      emit('response.output_item.done', { output_index: outputIndex, item });
      return;
    }
    const args = item.arguments as string;
    emit('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
    for (const part of pieces(args)) emit('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: part });
    if (turn.cut && outputIndex === items.length - 1) return;
    emit('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, arguments: args, name: item.name });
    emit('response.output_item.done', { output_index: outputIndex, item });
  });
  if (turn.cut) {
    const { text: _cut, ...incomplete } = responseBody(turn, 'in_progress', items);
    emit('response.incomplete', { response: { ...incomplete, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } });
  } else {
    const { text: _done, ...completed } = responseBody(turn, 'completed', items);
    emit('response.completed', { response: completed });
  }
  sse(res, events);
}
