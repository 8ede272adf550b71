import type { Portcullis } from '../client.js';
import { interceptCreate } from '../models/intercept.js';
import { judgeCalls, type WrapOptions } from '../models/judge.js';
import { filterMessage, filterMessageStream } from './messages.js';

/** What `wrapAnthropic` needs of a client: the official `@anthropic-ai/sdk` package's shape. */
export interface AnthropicLike {
  messages: { create: (...args: never[]) => unknown };
}

/**
 * Makes every `tool_use` block the model proposes through `messages.create` (streamed or not)
 * pass Portcullis before the caller sees it. Patched in place and returned, so
 * `messages.stream()` (which calls `create` underneath) is covered too.
 */
export function wrapAnthropic<C extends AnthropicLike>(client: C, pc: Portcullis, options: WrapOptions = {}): C {
  const onBlock = options.onBlock ?? 'throw';
  const judge = (calls: Parameters<typeof judgeCalls>[1]) => judgeCalls(pc, calls, options);
  interceptCreate(client.messages, 'messages', {
    whole: (result) => filterMessage(result, judge, onBlock),
    events: (source) => filterMessageStream(source, judge, onBlock),
  });
  return client;
}
