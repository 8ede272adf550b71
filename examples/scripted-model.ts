import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted stand-in for a model behind the OpenAI Chat Completions API, on 127.0.0.1 (no
 * internet, no key). Each task the demo's user asks for maps to one tool call; once the tool's
 * result comes back, the "model" answers with a summary. Enough to drive a real agent loop with
 * the real `openai` client.
 */
export interface ScriptedTask {
  /** Matched against the user's last message. */
  when: RegExp;
  call: { name: string; args: Record<string, unknown> };
  /** The final answer once the tool result is in. */
  summary: (toolResult: string) => string;
}

interface ChatMessage {
  role: string;
  content?: string | null;
  tool_call_id?: string;
}

export async function startScriptedModel(tasks: ScriptedTask[]): Promise<{ url: string; close(): Promise<void> }> {
  let calls = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { messages } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: ChatMessage[] };
    const last = messages.at(-1);
    const userText = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const task = tasks.find((t) => t.when.test(userText));
    const message =
      last?.role === 'tool' && task
        ? { role: 'assistant', content: task.summary(last.content ?? '') }
        : task
          ? {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: `call_${++calls}`, type: 'function', function: { name: task.call.name, arguments: JSON.stringify(task.call.args) } }],
            }
          : { role: 'assistant', content: "I don't have a tool for that." };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-demo-${calls}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'scripted-demo-model',
        choices: [{ index: 0, message, logprobs: null, finish_reason: 'tool_calls' in message ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
