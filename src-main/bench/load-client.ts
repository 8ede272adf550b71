import http from 'node:http';
import { generateRequests, type BenchRequest } from './payloads';
import { summarize, type LatencyStats } from './stats';

export interface LoadOptions {
  url: string;
  /** Bearer keys indexed by BenchRequest.agent; empty for the floor server. */
  keys: string[];
  /** 1: the latency run, one request at a time. More: the throughput run. */
  connections: number;
  requests: number;
  warmup: number;
  seed: number;
}

export interface LoadResult {
  connections: number;
  requests: number;
  /** Completed requests per second over the timed part. */
  throughput: number;
  latency: LatencyStats;
  /** Answers by HTTP status: anything but 200 is a failed run. */
  statuses: Record<string, number>;
  wallMs: number;
}

/** Distinct requests the client cycles through; each send still carries unique content. */
const POOL = 4000;

/**
 * The load client (its own process, pinned apart from or together with the server): keep-alive
 * node:http, `connections` sockets each sending its next request as soon as the last answer has
 * been read, every request timed from just before it is written to its last byte read.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { hostname, port } = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const pool = generateRequests(Math.min(POOL, options.warmup + options.requests), options.seed);
  const statuses: Record<string, number> = {};
  let next = 0;
  const total = options.warmup + options.requests;
  const samples = new Float64Array(options.requests);
  let timedStart = 0n;
  let timedEnd = 0n;

  const send = (index: number): Promise<void> => {
    const request = pool[index % pool.length] as BenchRequest;
    // A unique field per send, so the service stores new content as real traffic would make it.
    const body = Buffer.from(request.json.replace('"payload":{', `"payload":{"rid":${index},`));
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': body.length };
    const key = options.keys[request.agent];
    if (key !== undefined) headers.authorization = `Bearer ${key}`;
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      if (index === options.warmup) timedStart = started;
      const req = http.request({ hostname, port, path: '/v1/evaluate', method: 'POST', agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          const ended = process.hrtime.bigint();
          const timed = index - options.warmup;
          if (timed >= 0) {
            samples[timed] = Number(ended - started);
            statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
            if (ended > timedEnd) timedEnd = ended;
          }
          resolve();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };

  const worker = async (): Promise<void> => {
    while (next < total) await send(next++);
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, () => worker()));
  } finally {
    agent.destroy();
  }
  const wallMs = Number(timedEnd - timedStart) / 1e6;
  return {
    connections: options.connections,
    requests: options.requests,
    throughput: Math.round((options.requests / wallMs) * 1000),
    latency: summarize(samples),
    statuses,
    wallMs: Math.round(wallMs),
  };
}
