import { explanation, parseArguments, type JudgeCalls, type Judged, type OnBlock, type ProposedToolCall } from '../models/judge.js';
import type { BlockVerdict } from '../verdict.js';

/**
 * Anthropic Messages (`messages.create`): `tool_use` content blocks are the calls the agent runs.
 * `server_tool_use` and `mcp_tool_use` blocks ran on Anthropic's side already and are left alone.
 */

interface Block {
  type: string;
  id?: string;
  name?: string;
  input?: unknown;
}

interface MessageBody {
  content?: Block[];
  stop_reason?: string | null;
}

const proposed = (block: Block): ProposedToolCall => ({
  id: block.id ?? '',
  name: block.name ?? '',
  input: block.input,
  api: 'anthropic.messages',
  type: 'tool_call',
});

const textBlock = (text: string) => ({ type: 'text', text, citations: null });

export async function filterMessage(message: unknown, judge: JudgeCalls, onBlock: OnBlock): Promise<unknown> {
  const body = message as MessageBody;
  const content = body.content ?? [];
  const uses = content.filter((block) => block.type === 'tool_use');
  if (uses.length === 0) return message;
  const judged = await judge(uses.map(proposed));
  const verdicts = new Map(uses.map((block, i) => [block, judged[i] as Judged]));
  const kept: unknown[] = [];
  for (const block of content) {
    const entry = verdicts.get(block);
    if (!entry || entry.verdict.allowed) kept.push(block);
    else if (onBlock === 'explain') kept.push(textBlock(explanation(entry.call, entry.verdict as BlockVerdict)));
  }
  body.content = kept as Block[];
  if (body.stop_reason === 'tool_use' && !judged.some((entry) => entry.verdict.allowed)) body.stop_reason = 'end_turn';
  return message;
}

interface StreamEvent {
  type: string;
  index?: number;
  content_block?: Block;
  delta?: { type?: string; partial_json?: string; text?: string; stop_reason?: string | null };
  [key: string]: unknown;
}

/**
 * Streamed messages: from a `tool_use` block's start, events are held until its
 * `content_block_stop`, when its input (the concatenated `input_json_delta`s) is complete and
 * judged. Then: unchanged, dropped (later block indexes shift down), or a text block in its place.
 * With no tool use left, `message_delta`'s `stop_reason` becomes `end_turn`.
 */
export async function* filterMessageStream(source: AsyncIterable<unknown>, judge: JudgeCalls, onBlock: OnBlock): AsyncGenerator<unknown> {
  const decided = new Map<number, Judged>();
  const inputs = new Map<number, { block: Block; json: string }>();
  let held: StreamEvent[] = [];
  const shifted = (index: number) => {
    let removed = 0;
    for (const [at, judged] of decided) if (at < index && !judged.verdict.allowed && onBlock === 'strip') removed++;
    return index - removed;
  };
  const rewrite = (event: StreamEvent): StreamEvent[] => {
    if (event.type === 'message_delta' && event.delta?.stop_reason === 'tool_use' && decided.size > 0) {
      if (![...decided.values()].some((judged) => judged.verdict.allowed)) event.delta.stop_reason = 'end_turn';
    }
    if (event.index === undefined) return [event];
    const judged = decided.get(event.index);
    const out = judged && !judged.verdict.allowed ? replaced(event, event.index, judged, onBlock) : [event];
    for (const each of out) each.index = shifted(event.index);
    return out;
  };
  for await (const item of source) {
    const event = item as StreamEvent;
    const index = event.index;
    if (event.type === 'content_block_start' && event.content_block?.type === 'tool_use' && index !== undefined) {
      inputs.set(index, { block: event.content_block, json: '' });
    }
    const assembling = index === undefined ? undefined : inputs.get(index);
    if (assembling && event.type === 'content_block_delta' && event.delta?.type === 'input_json_delta') {
      assembling.json += event.delta.partial_json ?? '';
    }
    held.push(event);
    if (assembling && index !== undefined && event.type === 'content_block_stop') {
      const input = assembling.json === '' ? assembling.block.input : parseArguments(assembling.json);
      decided.set(index, (await judge([proposed({ ...assembling.block, input })]))[0] as Judged);
      inputs.delete(index);
    }
    if (inputs.size > 0) continue;
    yield* held.flatMap(rewrite);
    held = [];
  }
  // Cut short (e.g. max_tokens inside a tool_use): the partial input is judged, never passed unjudged.
  for (const [index, { block, json }] of inputs) {
    decided.set(index, (await judge([proposed({ ...block, input: json === '' ? block.input : parseArguments(json) })]))[0] as Judged);
  }
  yield* held.flatMap(rewrite);
}

function replaced(event: StreamEvent, index: number, judged: Judged, onBlock: OnBlock): StreamEvent[] {
  if (onBlock !== 'explain') return [];
  if (event.type === 'content_block_start') return [{ ...event, content_block: textBlock('') as Block }];
  if (event.type === 'content_block_stop') {
    const text = explanation(judged.call, judged.verdict as BlockVerdict);
    return [{ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, event];
  }
  return [];
}
