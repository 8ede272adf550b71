import { explanation, parseArguments, type JudgeCalls, type Judged, type OnBlock, type ProposedToolCall } from '../models/judge.js';
import type { BlockVerdict } from '../verdict.js';

/**
 * Responses API (`responses.create`): the output items the agent executes itself. Items the
 * provider runs on its side (web search, file search, code interpreter, remote MCP) have already
 * happened by the time the answer arrives and are left alone.
 */

interface Item {
  type: string;
  id?: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  input?: string;
  action?: unknown;
  operation?: unknown;
}

const LOCAL_ITEMS: Record<string, { type: string; tool?: string; payload: (item: Item) => unknown }> = {
  function_call: { type: 'tool_call', payload: (item) => parseArguments(item.arguments) },
  custom_tool_call: { type: 'tool_call', payload: (item) => item.input },
  local_shell_call: { type: 'shell', tool: 'local_shell', payload: (item) => item.action },
  shell_call: { type: 'shell', tool: 'shell', payload: (item) => item.action },
  apply_patch_call: { type: 'file', tool: 'apply_patch', payload: (item) => item.operation },
  computer_call: { type: 'tool_call', tool: 'computer', payload: (item) => item.action },
};

function proposed(item: Item): ProposedToolCall | undefined {
  const kind = LOCAL_ITEMS[item.type];
  if (!kind) return undefined;
  return {
    id: item.call_id ?? item.id ?? '',
    name: item.name ?? kind.tool ?? item.type,
    input: kind.payload(item),
    api: 'openai.responses',
    type: kind.type,
  };
}

function messageItem(call: ProposedToolCall, text: string, status: 'in_progress' | 'completed') {
  return {
    type: 'message',
    id: `msg_portcullis_${call.id}`,
    role: 'assistant',
    status,
    content: status === 'completed' ? [textPart(text)] : [],
  };
}

const textPart = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });

interface ResponseBody {
  output?: Item[];
  output_text?: string;
}

export async function filterResponse(response: unknown, judge: JudgeCalls, onBlock: OnBlock): Promise<unknown> {
  const body = response as ResponseBody;
  const output = body.output ?? [];
  const calls = output.map(proposed);
  const judged = await judge(calls.filter((call): call is ProposedToolCall => call !== undefined));
  const byItem = new Map<number, Judged>();
  let next = 0;
  calls.forEach((call, index) => {
    if (call) byItem.set(index, judged[next++] as Judged);
  });
  rewriteOutput(body, byItem, onBlock);
  return response;
}

/** Replaces or drops the blocked items of a finished response, and recomputes `output_text`. */
function rewriteOutput(body: ResponseBody, byItem: Map<number, Judged>, onBlock: OnBlock): void {
  if (!body.output || byItem.size === 0) return;
  const output: unknown[] = [];
  body.output.forEach((item, index) => {
    const judged = byItem.get(index);
    if (!judged || judged.verdict.allowed) output.push(item);
    else if (onBlock === 'explain') output.push(messageItem(judged.call, explanation(judged.call, judged.verdict as BlockVerdict), 'completed'));
  });
  body.output = output as Item[];
  if ('output_text' in body) body.output_text = outputText(output);
}

function outputText(output: unknown[]): string {
  const texts: string[] = [];
  for (const item of output as { type: string; content?: { type: string; text?: string }[] }[]) {
    if (item.type !== 'message') continue;
    for (const part of item.content ?? []) if (part.type === 'output_text' && part.text) texts.push(part.text);
  }
  return texts.join('');
}

interface StreamEvent {
  type: string;
  sequence_number?: number;
  output_index?: number;
  item?: Item;
  response?: ResponseBody;
  [key: string]: unknown;
}

/**
 * Streamed responses: from the first locally executed item on, every event is held until that
 * item is complete and judged (items arrive one after another, so this holds nothing else in
 * practice). Then the held events go out: an allowed item unchanged, a stripped one not at all
 * (later output indexes shift down), an explained one as a message item in the same place.
 * Sequence numbers are renumbered so they stay contiguous.
 */
export async function* filterResponseStream(source: AsyncIterable<unknown>, judge: JudgeCalls, onBlock: OnBlock): AsyncGenerator<unknown> {
  const decided = new Map<number, Judged>();
  const open = new Map<number, { item: Item; partial: string }>();
  let held: StreamEvent[] = [];
  let sequence = 0;
  const shifted = (index: number) => {
    let removed = 0;
    for (const [at, judged] of decided) if (at < index && !judged.verdict.allowed && onBlock === 'strip') removed++;
    return index - removed;
  };
  const rewrite = (event: StreamEvent): StreamEvent[] => {
    if (event.response) rewriteOutput(event.response, decided, onBlock);
    const index = event.output_index;
    if (index === undefined) return [event];
    const judged = decided.get(index);
    const out = judged && !judged.verdict.allowed ? replaced(event, index, judged, onBlock) : [event];
    for (const each of out) each.output_index = shifted(index);
    return out;
  };
  const release = function* () {
    for (const each of held.flatMap(rewrite)) {
      if (each.sequence_number !== undefined) each.sequence_number = sequence++;
      yield each;
    }
    held = [];
  };
  for await (const item of source) {
    const event = item as StreamEvent;
    const index = event.output_index;
    if (event.type === 'response.output_item.added' && event.item && proposed(event.item) && index !== undefined) {
      open.set(index, { item: event.item, partial: '' });
    }
    const assembling = index === undefined ? undefined : open.get(index);
    if (assembling && typeof event.delta === 'string') assembling.partial += event.delta;
    held.push(event);
    if (assembling && index !== undefined && event.type === 'response.output_item.done') {
      decided.set(index, (await judge([proposed(event.item as Item) as ProposedToolCall]))[0] as Judged);
      open.delete(index);
    }
    if (open.size === 0) yield* release();
  }
  // Cut short (incomplete, failed): what arrived of an unfinished item is judged, never passed unjudged.
  for (const [index, { item, partial }] of open) {
    decided.set(index, (await judge([proposed({ ...item, arguments: item.arguments || partial, input: item.input || partial }) as ProposedToolCall]))[0] as Judged);
  }
  yield* release();
}

/** The events that stand for a blocked item: none (strip), or a message item (explain). */
function replaced(event: StreamEvent, outputIndex: number, judged: Judged, onBlock: OnBlock): StreamEvent[] {
  if (onBlock !== 'explain') return [];
  const { call } = judged;
  const text = explanation(call, judged.verdict as BlockVerdict);
  const base = { sequence_number: 0, output_index: outputIndex };
  const itemId = `msg_portcullis_${call.id}`;
  const part = { ...base, item_id: itemId, content_index: 0 };
  if (event.type === 'response.output_item.added') {
    return [{ ...base, type: 'response.output_item.added', item: messageItem(call, '', 'in_progress') as unknown as Item }];
  }
  if (event.type === 'response.output_item.done') {
    return [
      { ...part, type: 'response.content_part.added', part: textPart('') },
      { ...part, type: 'response.output_text.delta', delta: text, logprobs: [] },
      { ...part, type: 'response.output_text.done', text, logprobs: [] },
      { ...part, type: 'response.content_part.done', part: textPart(text) },
      { ...base, type: 'response.output_item.done', item: messageItem(call, text, 'completed') as unknown as Item },
    ];
  }
  return [];
}
