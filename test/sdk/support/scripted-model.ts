import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an external model API on 127.0.0.1: each request gets the next scripted turn.
 * The API-specific servers (fake-openai, fake-anthropic) turn a turn into that API's wire format.
 */
export interface ScriptedCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export interface ScriptedTurn {
  text?: string;
  calls: ScriptedCall[];
  /** Streams only: the answer stops before the last call is closed (max tokens, incomplete). */
  cut?: boolean;
}

export type Route = (body: Record<string, unknown>, turn: ScriptedTurn, res: ServerResponse) => void;

export interface ScriptedModelServer {
  /** Base URL without a path, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** Queues the turns the next requests answer with, in order. */
  script(...turns: ScriptedTurn[]): void;
  /** Bodies of the requests received, in order. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startScriptedModel(routes: Record<string, Route>): Promise<ScriptedModelServer> {
  const queue: ScriptedTurn[] = [];
  const requests: Record<string, unknown>[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const route = routes[`${req.method} ${req.url?.split('?')[0]}`];
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    requests.push(body);
    const turn = queue.shift();
    if (!turn) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'script exhausted' } }));
      return;
    }
    route(body, turn, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    script: (...turns) => queue.push(...turns),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Writes a server-sent event stream; `event` lines where the API uses them. */
export function sse(res: ServerResponse, events: { event?: string; data: unknown }[], done = false): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const { event, data } of events) {
    res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
  }
  if (done) res.write('data: [DONE]\n\n');
  res.end();
}

/** Splits a string into pieces of at most `size`, as models stream arguments. */
export function pieces(text: string, size = 7): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}
