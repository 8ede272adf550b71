import { explanation, parseArguments, type JudgeCalls, type Judged, type OnBlock, type ProposedToolCall } from '../models/judge.js';
import type { BlockVerdict } from '../verdict.js';

/**
 * Chat Completions (`chat.completions.create`): the proposed calls are `message.tool_calls`
 * (function and custom tools) and the legacy `message.function_call`.
 */

interface ToolCall {
  id: string;
  type?: string;
  function?: { name: string; arguments: string };
  custom?: { name: string; input: string };
}

interface Message {
  content?: string | null;
  tool_calls?: ToolCall[];
  function_call?: { name: string; arguments: string };
}

interface Choice {
  index: number;
  message?: Message;
  finish_reason?: string | null;
}

const LEGACY_ID = 'function_call';

function proposed(call: ToolCall): ProposedToolCall {
  const name = call.function?.name ?? call.custom?.name ?? '';
  const input = call.function ? parseArguments(call.function.arguments) : call.custom?.input;
  return { id: call.id, name, input, api: 'openai.chat', type: 'tool_call' };
}

export async function filterChatCompletion(completion: unknown, judge: JudgeCalls, onBlock: OnBlock): Promise<unknown> {
  const choices = ((completion as { choices?: Choice[] } | null)?.choices ?? []).filter((choice) => choice.message);
  const calls = choices.map((choice) => {
    const message = choice.message as Message;
    const list = (message.tool_calls ?? []).map(proposed);
    if (message.function_call) {
      list.push({ ...proposed({ id: LEGACY_ID, function: message.function_call }), id: LEGACY_ID });
    }
    return list;
  });
  const judged = await judge(calls.flat());
  let at = 0;
  choices.forEach((choice, i) => {
    const verdicts = judged.slice(at, (at += calls[i]?.length ?? 0));
    if (verdicts.length > 0) applyToMessage(choice, verdicts, onBlock);
  });
  return completion;
}

function applyToMessage(choice: Choice, judged: Judged[], onBlock: OnBlock): void {
  const message = choice.message as Message;
  const notes: string[] = [];
  const allowed = new Set<string>();
  for (const { call, verdict } of judged) {
    if (verdict.allowed) allowed.add(call.id);
    else if (onBlock === 'explain') notes.push(explanation(call, verdict as BlockVerdict));
  }
  const kept = (message.tool_calls ?? []).filter((call) => allowed.has(call.id));
  if (kept.length > 0) message.tool_calls = kept;
  else delete message.tool_calls;
  if (message.function_call && !allowed.has(LEGACY_ID)) delete message.function_call;
  if (notes.length > 0) message.content = [message.content, ...notes].filter(Boolean).join('\n\n');
  if (kept.length === 0 && !message.function_call && (choice.finish_reason === 'tool_calls' || choice.finish_reason === 'function_call')) {
    choice.finish_reason = 'stop';
  }
}

interface DeltaToolCall {
  index: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

interface Chunk {
  choices?: { index: number; delta?: { content?: string | null; tool_calls?: DeltaToolCall[]; [key: string]: unknown }; finish_reason?: string | null }[];
  [key: string]: unknown;
}

interface Assembling {
  id: string;
  type: string;
  name: string;
  arguments: string;
}

/**
 * Streamed chat: tool-call deltas are held back and assembled per choice; when the choice
 * finishes, its calls are judged and the allowed ones are sent in one delta each, followed by
 * the finishing chunk. Text deltas pass through as they come.
 */
export async function* filterChatStream(source: AsyncIterable<unknown>, judge: JudgeCalls, onBlock: OnBlock): AsyncGenerator<unknown> {
  const assembling = new Map<number, Assembling[]>();
  let template: Chunk | undefined;
  for await (const item of source) {
    const chunk = item as Chunk;
    template ??= chunk;
    let carriesSomething = !chunk.choices || chunk.choices.length === 0;
    for (const choice of chunk.choices ?? []) {
      if (choice.delta?.function_call) {
        // Legacy `functions` streaming: not assembled here, so never passed through unjudged.
        throw new Error('Portcullis: streamed legacy function_call is not supported; use tools');
      }
      const deltas = choice.delta?.tool_calls;
      if (deltas && choice.delta) {
        collect(assembling, choice.index, deltas);
        delete choice.delta.tool_calls;
      }
      if (choice.finish_reason && assembling.has(choice.index)) {
        const released = await release(assembling, choice.index, judge, onBlock, chunk);
        yield* released.chunks;
        if (released.allowedCount === 0 && choice.finish_reason === 'tool_calls') choice.finish_reason = 'stop';
      }
      if (choice.finish_reason || Object.values(choice.delta ?? {}).some((value) => value !== null && value !== undefined)) carriesSomething = true;
    }
    if (carriesSomething) yield chunk;
  }
  // A stream cut short still never hands over an unjudged call.
  for (const index of [...assembling.keys()]) {
    if (template) yield* (await release(assembling, index, judge, onBlock, template)).chunks;
  }
}

function collect(assembling: Map<number, Assembling[]>, choiceIndex: number, deltas: DeltaToolCall[]): void {
  const calls = assembling.get(choiceIndex) ?? [];
  assembling.set(choiceIndex, calls);
  for (const delta of deltas) {
    const call = (calls[delta.index] ??= { id: '', type: 'function', name: '', arguments: '' });
    if (delta.id) call.id = delta.id;
    if (delta.type) call.type = delta.type;
    if (delta.function?.name) call.name += delta.function.name;
    if (delta.function?.arguments) call.arguments += delta.function.arguments;
  }
}

async function release(
  assembling: Map<number, Assembling[]>,
  choiceIndex: number,
  judge: JudgeCalls,
  onBlock: OnBlock,
  template: Chunk,
): Promise<{ chunks: Chunk[]; allowedCount: number }> {
  const calls = (assembling.get(choiceIndex) ?? []).filter(Boolean);
  assembling.delete(choiceIndex);
  const judged = await judge(
    calls.map((call) => ({ id: call.id, name: call.name, input: parseArguments(call.arguments), api: 'openai.chat', type: 'tool_call' })),
  );
  const chunk = (delta: Record<string, unknown>): Chunk => ({
    ...template,
    choices: [{ index: choiceIndex, delta, finish_reason: null }],
  });
  const chunks: Chunk[] = [];
  let allowedCount = 0;
  judged.forEach(({ call, verdict }, i) => {
    const original = calls[i] as Assembling;
    if (verdict.allowed) {
      chunks.push(
        chunk({
          tool_calls: [{ index: allowedCount++, id: original.id, type: original.type, function: { name: original.name, arguments: original.arguments } }],
        }),
      );
    } else if (onBlock === 'explain') {
      chunks.push(chunk({ content: explanation(call, verdict as BlockVerdict) }));
    }
  });
  return { chunks, allowedCount };
}
