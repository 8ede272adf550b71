import type { AddressInfo } from 'node:net';
import type { OperatorApi } from '../../src-shared/operator-api';
import { findRendererDir } from '../config/renderer-dir';
import { createRateLimiter } from '../agents/rate-limiter';
import { openEngine, type Engine, type EngineOptions } from '../engine/engine';
import { createOperatorHandlers } from '../operator/handlers';
import { loadOrCreateOperatorToken } from '../operator/token';
import { buildApp } from './app';
import { createRequestGuard, type RequestGuard } from './request-guard';

export interface ServiceOptions extends Omit<EngineOptions, 'log'> {
  host: string;
  /** 0 picks a free port. */
  port: number;
  rendererDir?: string;
  /** Requests per second each agent may make (burst: twice that). */
  agentRateLimit?: number;
  log?: (line: string) => void;
}

/** A running headless service: the engine, its operator handlers and the HTTP listener. */
export interface Service {
  /** `http://HOST:PORT` as agents and the console reach it. */
  url: string;
  /** The console URL with the operator token in the fragment (never sent to the server in logs). */
  consoleUrl: string;
  operatorToken: string;
  engine: Engine;
  handlers: OperatorApi;
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { host, port: requestedPort, rendererDir, agentRateLimit, log: _log, ...engineOptions } = options;
  const engine = openEngine({ ...engineOptions, log });
  try {
    const handlers = createOperatorHandlers(engine);
    const operatorToken = loadOrCreateOperatorToken(engine.dataDir);
    const perSecond = agentRateLimit ?? 2000;
    // The Host allowlist needs the port, known only after listen; requests wait on listen anyway.
    const guardRef: { current?: RequestGuard } = {};
    const app = await buildApp({
      handlers,
      agentApi: { authenticate: engine.agents.authenticate, ...engine.decider },
      limiter: createRateLimiter({ perSecond, burst: perSecond * 2 }),
      metrics: engine.metrics,
      operatorToken,
      rendererDir: rendererDir ?? findRendererDir(),
      guard: () => guardRef.current,
      log,
    });
    await app.listen({ host, port: requestedPort });
    const { port } = app.server.address() as AddressInfo;
    guardRef.current = createRequestGuard(host, port);
    const hostForUrl = host.includes(':') ? `[${host}]` : host;
    const url = `http://${hostForUrl}:${port}`;
    let closing: Promise<void> | undefined;
    return {
      url,
      consoleUrl: `${url}/#token=${operatorToken}`,
      operatorToken,
      engine,
      handlers,
      close: () => {
        // Long-polls on pending reviews answer now instead of holding the shutdown for minutes.
        engine.reviews.stopWaiting();
        closing ??= app.close().finally(() => engine.close());
        return closing;
      },
    };
  } catch (error) {
    engine.close();
    throw error;
  }
}
