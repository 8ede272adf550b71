import type { AddressInfo } from 'node:net';
import type { OperatorApi } from '../../src-shared/operator-api';
import { findRendererDir } from '../config/renderer-dir';
import { openEngine, type Engine } from '../engine/engine';
import { createOperatorHandlers } from '../operator/handlers';
import { loadOrCreateOperatorToken } from '../operator/token';
import { buildApp } from './app';
import { createRequestGuard, type RequestGuard } from './request-guard';

export interface ServiceOptions {
  dataDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  rendererDir?: string;
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
  const engine = openEngine({ dataDir: options.dataDir });
  try {
    const handlers = createOperatorHandlers(engine);
    const operatorToken = loadOrCreateOperatorToken(engine.dataDir);
    // The Host allowlist needs the port, known only after listen; requests wait on listen anyway.
    const guardRef: { current?: RequestGuard } = {};
    const app = await buildApp({
      handlers,
      operatorToken,
      rendererDir: options.rendererDir ?? findRendererDir(),
      guard: () => guardRef.current,
      log,
    });
    await app.listen({ host: options.host, port: options.port });
    const { port } = app.server.address() as AddressInfo;
    guardRef.current = createRequestGuard(options.host, port);
    const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `http://${hostForUrl}:${port}`;
    let closing: Promise<void> | undefined;
    return {
      url,
      consoleUrl: `${url}/#token=${operatorToken}`,
      operatorToken,
      engine,
      handlers,
      close: () => {
        closing ??= app.close().finally(() => engine.close());
        return closing;
      },
    };
  } catch (error) {
    engine.close();
    throw error;
  }
}
