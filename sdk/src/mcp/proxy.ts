import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Portcullis } from '../client.js';
import { blockedMessage } from '../errors.js';
import type { Action, ActionTarget } from '../types.js';

/**
 * The MCP stdio proxy: newline-delimited JSON-RPC passes between an MCP client and server
 * untouched, except that every `tools/call` from the client is evaluated first. A blocked call
 * never reaches the server; the client gets a tool result with `isError: true` and the reasons,
 * which MCP clients show to the model like any failed tool.
 */
export interface McpProxyOptions {
  pc: Portcullis;
  /** What the MCP client writes (our stdin) and reads (our stdout). */
  fromClient: Readable;
  toClient: Writable;
  /** The MCP server's stdin and stdout. */
  toServer: Writable;
  fromServer: Readable;
  /** Overrides `target.system`; by default the server's own name from its `initialize` answer. */
  system?: string;
  sessionId?: string;
  /** While a review is pending, a progress notification this often (when the client asked for progress). Default 10 s. */
  progressEveryMs?: number;
  log?: (line: string) => void;
}

type Id = string | number;

interface Message {
  jsonrpc?: string;
  id?: Id | null;
  method?: string;
  params?: { name?: unknown; arguments?: unknown; requestId?: Id; _meta?: { progressToken?: Id } };
  result?: { isError?: boolean; serverInfo?: { name?: unknown } };
  error?: { message?: string };
}

/** Keeps a client that resets its timeout on progress waiting for the reviewer. */
const PROGRESS_EVERY_MS = 10_000;

export interface McpProxy {
  /** Resolves once the server's output has ended and outcome reports are flushed. */
  done: Promise<void>;
}

export function startMcpProxy(options: McpProxyOptions): McpProxy {
  const { pc } = options;
  const log = options.log ?? (() => {});
  const send = (message: unknown) => options.toClient.write(`${JSON.stringify(message)}\n`);
  /** Client request ids of calls being evaluated, so a cancellation can stop the wait. */
  const evaluating = new Map<Id, AbortController>();
  /** Client request ids of calls forwarded to the server, awaiting the result to report. */
  const forwarded = new Map<Id, string>();
  let initializeId: Id | undefined;
  let serverName = options.system;

  const evaluateCall = async (message: Message & { id: Id }, line: string) => {
    const name = typeof message.params?.name === 'string' ? message.params.name : '';
    const args = message.params?.arguments ?? {};
    const action: Action = { type: 'tool_call', tool: name, payload: args, target: targetOf(args, serverName) };
    const abort = new AbortController();
    evaluating.set(message.id, abort);
    const progressToken = message.params?._meta?.progressToken;
    let progress: NodeJS.Timeout | undefined;
    let step = 0;
    const verdict = await pc
      .evaluate(action, {
        signal: abort.signal,
        ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
        onReview: (response) => {
          log(`portcullis-mcp: ${name} is waiting for review (decision ${response.decision_id})`);
          if (progressToken === undefined) return;
          progress = setInterval(
            () => send({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, progress: ++step, message: 'waiting for a Portcullis reviewer' } }),
            options.progressEveryMs ?? PROGRESS_EVERY_MS,
          );
        },
      })
      .finally(() => {
        clearInterval(progress);
        evaluating.delete(message.id);
      });
    // A cancelled request gets no answer (MCP: the receiver must not respond to it).
    if (abort.signal.aborted) return;
    if (verdict.allowed) {
      if (verdict.decisionId) forwarded.set(message.id, verdict.decisionId);
      options.toServer.write(`${line}\n`);
      return;
    }
    log(`portcullis-mcp: blocked ${name}: ${verdict.reasons.join('; ')}`);
    send({
      jsonrpc: '2.0',
      id: message.id,
      result: {
        content: [{ type: 'text', text: blockedMessage(`the tool call ${name}`, verdict) }],
        isError: true,
        _meta: { 'portcullis/decision_id': verdict.decisionId ?? null, 'portcullis/basis': verdict.basis },
      },
    });
  };

  const fromClient = (line: string) => {
    if (line.trim() === '') return;
    const parsed = parse(line);
    if (parsed === undefined) {
      // Never forward what cannot be inspected: the server might read it differently.
      send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error (portcullis-mcp)' } });
      return;
    }
    // Non-objects (`null`, numbers) are no tool calls; the server answers them as it sees fit.
    const messages = (Array.isArray(parsed) ? parsed : [parsed]).map((value: unknown) => (typeof value === 'object' && value !== null ? value : {}) as Message);
    const passing: Message[] = [];
    for (const message of messages) {
      if (isToolCall(message)) {
        void evaluateCall(message, JSON.stringify(message)).catch((error: unknown) => {
          log(`portcullis-mcp: evaluating a call failed: ${String(error)}`);
          send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: 'portcullis-mcp could not evaluate the call' } });
        });
        continue;
      }
      if (message.method === 'tools/call') {
        // A tools/call without a usable id cannot be answered; it is not passed on unevaluated either.
        log('portcullis-mcp: dropped a tools/call without a request id');
        continue;
      }
      if (message.method === 'notifications/cancelled' && message.params?.requestId !== undefined) {
        evaluating.get(message.params.requestId)?.abort();
      }
      if (message.method === 'initialize' && message.id !== undefined && message.id !== null) initializeId = message.id;
      passing.push(message);
    }
    if (passing.length === messages.length) options.toServer.write(`${line}\n`);
    else if (passing.length > 0) options.toServer.write(`${JSON.stringify(Array.isArray(parsed) ? passing : passing[0])}\n`);
  };

  const fromServer = (line: string) => {
    const parsed = parse(line);
    for (const message of (Array.isArray(parsed) ? parsed : [parsed]) as (Message | undefined)[]) {
      if (!message || message.method !== undefined || message.id === undefined || message.id === null) continue;
      if (message.id === initializeId && typeof message.result?.serverInfo?.name === 'string') {
        serverName ??= message.result.serverInfo.name;
      }
      const decisionId = forwarded.get(message.id);
      if (decisionId === undefined) continue;
      forwarded.delete(message.id);
      const failed = message.error !== undefined || message.result?.isError === true;
      pc.reportOutcomeInBackground(decisionId, failed ? 'failed' : 'executed', failed ? (message.error?.message ?? 'the tool returned an error') : undefined);
    }
    options.toClient.write(`${line}\n`);
  };

  const clientLines = createInterface({ input: options.fromClient, crlfDelay: Infinity });
  const serverLines = createInterface({ input: options.fromServer, crlfDelay: Infinity });
  clientLines.on('line', fromClient);
  serverLines.on('line', fromServer);
  clientLines.once('close', () => {
    // Calls still being evaluated are abandoned with the client; then the server gets EOF.
    for (const abort of evaluating.values()) abort.abort();
    options.toServer.end();
  });
  const done = new Promise<void>((resolve) => serverLines.once('close', resolve)).then(async () => {
    for (const abort of evaluating.values()) abort.abort();
    for (const decisionId of forwarded.values()) pc.reportOutcomeInBackground(decisionId, 'abandoned', 'the MCP server closed before answering');
    await pc.flush();
  });
  return { done };
}

/**
 * What the proxy can say about where a call lands: the server as the system, and a top-level
 * `url` argument (fetch-style tools) as the URL, so destination rules and the external-host
 * checks apply. The engine derives host and external itself and never trusts a claim of internal.
 */
function targetOf(args: unknown, system: string | undefined): ActionTarget {
  const target: ActionTarget = {};
  // Within the wire limits, so a long name or URL never turns into a refused (blocked) request.
  if (system) target.system = system.slice(0, 256);
  const url = (args as { url?: unknown } | null)?.url;
  if (typeof url === 'string' && url.length <= 8192 && /^https?:\/\//i.test(url)) target.url = url;
  return target;
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function isToolCall(message: Message): message is Message & { id: Id } {
  return message.method === 'tools/call' && (typeof message.id === 'string' || typeof message.id === 'number');
}
