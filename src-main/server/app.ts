import { isUtf8 } from 'node:buffer';
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { OperatorApi } from '../../src-shared/operator-api';
import type { RateLimiter } from '../agents/rate-limiter';
import type { Metrics } from '../metrics/metrics';
import { dispatch } from '../operator/dispatch';
import { tokenMatches } from '../operator/token';
import { registerAgentRoutes, type AgentApi } from './agent-routes';
import { errorBody, statusForCode } from './errors';
import type { RequestGuard } from './request-guard';

export interface AppOptions {
  handlers: OperatorApi;
  agentApi: AgentApi;
  limiter: RateLimiter;
  metrics: Metrics;
  operatorToken: string;
  /** The built renderer (out/renderer); served at `/` when it exists. */
  rendererDir: string;
  /** Set once the port is known (listen happens after the routes are registered). */
  guard: () => RequestGuard | undefined;
  log: (line: string) => void;
  bodyLimit?: number;
}

// The console is a same-origin bundle with no inline code: nothing else may load or run.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Requests Node's HTTP parser refuses (broken framing, oversized headers) never reach fastify:
 * answer them in the same `{error:{code,message}}` shape as everything else, then close.
 */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'the request line and headers are larger than the service accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'the request did not arrive in time']
        : [400, 'invalid_request', 'the request is not well-formed HTTP'];
  const body = JSON.stringify(errorBody(code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
    clientErrorHandler,
    // A URL with a broken percent-escape or an overlong parameter fails before routing.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        options.log(`internal error: ${error.stack ?? error.message}`);
        return void reply.code(500).send(errorBody('internal_error', 'internal error; see the service log'));
      }
      const message =
        error.code === 'FST_ERR_BAD_URL'
          ? 'the URL is not validly percent-encoded'
          : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'a path parameter is longer than the service accepts'
            : 'the URL is not valid';
      return void reply.code(status).send(errorBody('invalid_request', message));
    },
  });

  // JSON only, and only as UTF-8: invalid bytes would otherwise be replaced by U+FFFD, so the
  // service would classify, decide and audit something other than what the agent sent.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) {
      done(Object.assign(new Error('the body is not valid UTF-8'), { statusCode: 400 }), undefined);
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-resource-policy', 'same-origin');
    const guard = options.guard();
    const host = request.headers.host;
    if (!guard || !guard.hostAllowed(host)) {
      return reply.code(403).send(errorBody('forbidden_host', 'this Host is not served here'));
    }
    if (!guard.originAllowed(request.headers.origin, host as string)) {
      return reply.code(403).send(errorBody('forbidden_origin', 'cross-origin requests are refused'));
    }
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      options.log(`internal error: ${error.stack ?? error.message}`);
      return reply.code(500).send(errorBody('internal_error', 'internal error; see the service log'));
    }
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'payload_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : 'invalid_request';
    return reply.code(status).send(errorBody(code, error.message));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`)),
  );

  app.get('/health', async () => ({ status: 'ok' }));

  const operatorOnly = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!tokenMatches(options.operatorToken, presented)) {
      return reply.code(401).send(errorBody('unauthorized', 'a valid operator token is required'));
    }
  };

  // Monitoring is the operators' world: scrape with the operator token as bearer.
  app.get('/metrics', { onRequest: operatorOnly }, async (_request, reply) =>
    reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics()),
  );

  registerAgentRoutes(app, options.agentApi, options.limiter);

  app.post<{ Params: { method: string }; Body: unknown }>('/operator/rpc/:method', { onRequest: operatorOnly }, async (request, reply) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { args?: unknown }).args)) {
      return reply.code(400).send(errorBody('invalid_request', 'the body must be a JSON object {"args": [...]}'));
    }
    const response = await dispatch(options.handlers, request.params.method, (body as { args: unknown[] }).args, (method, error) =>
      options.log(`operator ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    return reply.code('error' in response ? statusForCode(response.error.code) : 200).send(response);
  });

  if (existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, { root: options.rendererDir, prefix: '/', index: 'index.html' });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .code(503)
        .send(errorBody('console_not_built', 'the operator console is not built: run `npm run build`')),
    );
  }
  return app;
}
