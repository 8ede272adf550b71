import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
// In your own agent: import { … } from '@portcullis/sdk';
import { wrapOpenAI, type Action, type Portcullis, type ProposedToolCall } from '../sdk/src/index';

/**
 * A small support agent: an ordinary OpenAI tool loop. The only Portcullis-specific lines are
 * `wrapOpenAI(...)` (every proposed tool call is evaluated before the loop sees it) and the
 * outcome report after a tool runs.
 */

const TOOLS: Record<string, (args: Record<string, unknown>) => Promise<string>> = {
  lookup_order: async ({ order_id }) => `order ${String(order_id)}: shipped yesterday, arrives Thursday`,
  http_post: async ({ url }) => `posted to ${String(url)}`,
  delete_customers: async ({ count }) => `deleted ${String(count)} churned customer records`,
};

const SPECS: ChatCompletionTool[] = Object.keys(TOOLS).map((name) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', additionalProperties: true } },
}));

/** What each tool does, beyond its name and arguments: what policies and the risk model look at. */
function describe(call: ProposedToolCall): Partial<Action> {
  const args = call.input as Record<string, unknown>;
  switch (call.name) {
    case 'http_post':
      return { type: 'http_request', verb: 'post', target: { url: String(args.url) } };
    case 'delete_customers':
      return { type: 'db_write', verb: 'delete', target: { system: 'postgres', resource: 'customers', environment: 'production' } };
    default:
      return { type: 'db_query', verb: 'select', target: { system: 'postgres', resource: 'orders' } };
  }
}

export interface AgentOptions {
  modelUrl: string;
  pc: Portcullis;
  say: (line: string) => void;
}

export async function ask({ modelUrl, pc, say }: AgentOptions, question: string): Promise<string> {
  const decisions = new Map<string, string>();
  const client = wrapOpenAI(new OpenAI({ baseURL: modelUrl, apiKey: 'not-needed-for-the-scripted-model', maxRetries: 0 }), pc, {
    onBlock: 'explain',
    describe,
    onVerdict: (call, verdict) => {
      const risk = verdict.response ? `, risk ${verdict.response.risk.score}` : '';
      say(`  model proposed ${call.name} ${JSON.stringify(call.input)} → Portcullis: ${verdict.allowed ? 'allow' : 'BLOCK'} (${verdict.basis}${risk})`);
      if (verdict.decisionId) decisions.set(call.id, verdict.decisionId);
    },
  });
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }];
  for (let turn = 0; turn < 8; turn++) {
    const message = (await client.chat.completions.create({ model: 'scripted-demo-model', messages, tools: SPECS })).choices[0]?.message;
    if (!message) break;
    messages.push(message);
    if (!message.tool_calls?.length) return message.content ?? '';
    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue;
      const run = TOOLS[call.function.name];
      const result = run ? await run(JSON.parse(call.function.arguments) as Record<string, unknown>) : `no tool ${call.function.name}`;
      say(`  tool ${call.function.name} → ${result}`);
      const decisionId = decisions.get(call.id);
      if (decisionId) await pc.reportOutcome(decisionId, run ? 'executed' : 'failed');
      messages.push({ role: 'tool', tool_call_id: call.id, content: result });
    }
  }
  return 'gave up after too many turns';
}
