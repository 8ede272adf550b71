import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Fault injection in front of (or instead of) the real service: each request is answered by the
 * current behaviour. `forward` relays to the real Portcullis unchanged, so everything the SDK gets
 * from it is still the real engine's answer; the other behaviours are broken networks and servers.
 */
export type Behaviour =
  | { kind: 'forward' }
  | { kind: 'garbage' }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'drop' }
  | { kind: 'hang' };

export interface FaultyEndpoint {
  url: string;
  /** Chooses the behaviour for each request (method and path); default `forward`. */
  behave(choose: (method: string, path: string, attempt: number) => Behaviour): void;
  /** Requests seen, as `METHOD /path` (query stripped). */
  seen: string[];
  close(): Promise<void>;
}

export async function startFaultyEndpoint(upstream?: string): Promise<FaultyEndpoint> {
  const seen: string[] = [];
  let choose: (method: string, path: string, attempt: number) => Behaviour = () => ({ kind: 'forward' });
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const line = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    seen.push(line);
    const behaviour = choose(req.method ?? 'GET', (req.url ?? '').split('?')[0] ?? '', seen.filter((s) => s === line).length);
    switch (behaviour.kind) {
      case 'garbage':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>upstream proxy says hello</html>');
        return;
      case 'status':
        res.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers }).end(behaviour.body ?? '{"error":{"code":"x","message":"injected"}}');
        return;
      case 'drop':
        // Read the whole request first, so the client has sent it before the connection dies.
        req.resume();
        req.on('end', () => req.socket.destroy());
        return;
      case 'hang':
        hanging.add(res);
        return;
      case 'forward':
        forward(req, res, upstream as string);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    behave: (fn) => {
      choose = fn;
    },
    seen,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function forward(req: IncomingMessage, res: ServerResponse, upstream: string): void {
  const target = new URL(upstream);
  const out = request(
    { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  out.on('error', () => res.destroy());
  req.pipe(out);
}

/** A URL where nothing listens: a port that was free a moment ago. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
