import { readFileSync } from 'node:fs';
import { request, type Agent } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => unknown;
}

export interface RawRequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A keep-alive agent for request barrages; default a fresh connection per request. */
  agent?: Agent;
  /** Fails the request (instead of hanging the test) when no full answer came in time. */
  timeoutMs?: number;
}

/** Raw HTTP, so tests can send what fetch refuses to (foreign Host, broken bytes). */
export function rawRequest(url: string, options: RawRequestOptions): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown });
        });
      },
    );
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            req.destroy(new Error(`no answer within ${options.timeoutMs} ms to ${options.method ?? 'GET'} ${options.path.slice(0, 200)}`));
          }, options.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(options.body);
  });
}

/** A JSON POST/GET with an agent key, as an agent would send it. */
export function agentCall(url: string, key: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return rawRequest(url, {
    method: body === undefined ? 'GET' : 'POST',
    path,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** VmRSS of a running process in bytes (Linux /proc), or undefined where /proc is not available. */
export function residentBytes(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(text)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
