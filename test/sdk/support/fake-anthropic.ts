import type { ServerResponse } from 'node:http';
import { pieces, sse, startScriptedModel, type ScriptedModelServer, type ScriptedTurn } from './scripted-model';

/**
 * The Anthropic Messages API as the official client sees it: `POST /v1/messages`, whole or as
 * SSE (message_start, content_block_* with text_delta and input_json_delta, message_delta,
 * message_stop, and a ping). Point the client at `url` (it adds `/v1/messages`).
 */
export function startFakeAnthropic(): Promise<ScriptedModelServer> {
  return startScriptedModel({
    'POST /v1/messages': (body, turn, res) => (body.stream ? messageStream(turn, res) : messageWhole(turn, res)),
  });
}

const MODEL = 'claude-test';
const usage = { input_tokens: 10, output_tokens: 10, cache_creation_input_tokens: null, cache_read_input_tokens: null, server_tool_use: null, service_tier: 'standard' };

function blocks(turn: ScriptedTurn) {
  const content: Record<string, unknown>[] = [];
  if (turn.text !== undefined) content.push({ type: 'text', text: turn.text, citations: null });
  for (const call of turn.calls) content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.args });
  return content;
}

const stopReason = (turn: ScriptedTurn) => (turn.calls.length > 0 ? 'tool_use' : 'end_turn');

function messageWhole(turn: ScriptedTurn, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_fake' }).end(
    JSON.stringify({
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: blocks(turn),
      stop_reason: stopReason(turn),
      stop_sequence: null,
      usage,
    }),
  );
}

function messageStream(turn: ScriptedTurn, res: ServerResponse): void {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const emit = (type: string, fields: Record<string, unknown> = {}) => events.push({ event: type, data: { type, ...fields } });
  emit('message_start', {
    message: { id: 'msg_fake', type: 'message', role: 'assistant', model: MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
  });
  emit('ping');
  const all = blocks(turn);
  all.forEach((block, index) => {
    if (block.type === 'text') {
      emit('content_block_start', { index, content_block: { type: 'text', text: '', citations: null } });
      for (const part of pieces(block.text as string)) emit('content_block_delta', { index, delta: { type: 'text_delta', text: part } });
    } else {
      emit('content_block_start', { index, content_block: { ...block, input: {} } });
      for (const part of pieces(JSON.stringify(block.input))) emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: part } });
    }
    if (!(turn.cut && index === all.length - 1)) emit('content_block_stop', { index });
  });
  emit('message_delta', { delta: { stop_reason: turn.cut ? 'max_tokens' : stopReason(turn), stop_sequence: null }, usage: { output_tokens: 10 } });
  emit('message_stop');
  sse(res, events);
}
