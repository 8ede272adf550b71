import type { Portcullis } from '../client.js';
import { interceptCreate } from '../models/intercept.js';
import { judgeCalls, type WrapOptions } from '../models/judge.js';
import { filterChatCompletion, filterChatStream } from './chat.js';
import { filterResponse, filterResponseStream } from './responses.js';

/** What `wrapOpenAI` needs of a client: the official `openai` package's shape. */
export interface OpenAILike {
  chat: { completions: { create: (...args: never[]) => unknown } };
  responses?: { create: (...args: never[]) => unknown };
}

/**
 * Makes every tool call the model proposes through `chat.completions.create` and
 * `responses.create` (streamed or not) pass Portcullis before the caller sees it. The client is
 * patched in place and returned, so the client's own helpers that call `create` underneath
 * (`chat.completions.stream`, `runTools`, `parse`, `responses.stream`) are covered too.
 */
export function wrapOpenAI<C extends OpenAILike>(client: C, pc: Portcullis, options: WrapOptions = {}): C {
  const onBlock = options.onBlock ?? 'throw';
  const judge = (calls: Parameters<typeof judgeCalls>[1]) => judgeCalls(pc, calls, options);
  interceptCreate(client.chat.completions, 'chat.completions', {
    whole: (result) => filterChatCompletion(result, judge, onBlock),
    events: (source) => filterChatStream(source, judge, onBlock),
  });
  if (client.responses) {
    interceptCreate(client.responses, 'responses', {
      whole: (result) => filterResponse(result, judge, onBlock),
      events: (source) => filterResponseStream(source, judge, onBlock),
    });
  }
  return client;
}
