import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AgentContext } from '../../src-shared/action';
import {
  EvaluateRequestSchema,
  OutcomeRequestSchema,
  MAX_WAIT_MS,
  type EvaluateRequest,
  type EvaluateResponse,
  type OutcomeRequest,
} from '../../src-shared/agent-api';
import type { RateLimiter } from '../agents/rate-limiter';
import { errorBody } from './errors';

/** What the agent endpoint needs from the engine; the routes only carry it. */
export interface AgentApi {
  authenticate(key: string | undefined): AgentContext | undefined;
  evaluate(agent: AgentContext, request: EvaluateRequest): Promise<EvaluateResponse>;
  /** The agent's own decision (never another agent's), waiting up to waitMs while it is pending. */
  decision(agent: AgentContext, id: string, waitMs: number): Promise<EvaluateResponse | undefined>;
  /** Returns false when the agent has no decision with that id. */
  recordOutcome(agent: AgentContext, id: string, outcome: OutcomeRequest): boolean;
  /** OPA Data API: the value at `data.<path>` for this input; no `result` when undefined. */
  queryData(agent: AgentContext, path: string[], input: unknown): { result?: unknown; error?: { code: string; message: string } };
}

declare module 'fastify' {
  interface FastifyRequest {
    agent?: AgentContext;
  }
}

/**
 * Deepest nesting of arrays and objects accepted in an action's payload and in an OPA input.
 * The classifier scans payloads this deep and no deeper, so anything nested further would be
 * decided on unseen; deeper inputs would also exhaust the stack of recursive evaluation.
 */
export const MAX_JSON_DEPTH = 64;

/** True when arrays and objects nest more than `levels` deep; looks no further than that. */
function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levels === 0) return true;
  for (const child of Object.values(value)) if (nestedDeeperThan(child, levels - 1)) return true;
  return false;
}

const DECISION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseBody<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.infer<S> | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  void reply.code(400).send(errorBody('invalid_request', `${where}: ${issue?.message ?? 'invalid'}`.slice(0, 300)));
  return undefined;
}

/**
 * `/v1/*`: bearer agent key, per-agent rate limit, no browser origins at all (a web page the
 * operator visits must never reach the agent API), JSON bodies validated strictly.
 */
export function registerAgentRoutes(app: FastifyInstance, api: AgentApi, limiter: RateLimiter): void {
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.origin !== undefined) {
      return reply.code(403).send(errorBody('forbidden_origin', 'the agent API does not accept browser requests'));
    }
    const key = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const agent = api.authenticate(key);
    if (!agent) return reply.code(401).send(errorBody('unauthorized', 'a valid agent key is required'));
    if (!limiter.take(agent.id)) {
      reply.header('retry-after', String(limiter.retryAfterSeconds()));
      return reply.code(429).send(errorBody('rate_limited', 'too many requests for this agent; retry later'));
    }
    request.agent = agent;
  };

  app.post('/v1/evaluate', { onRequest: authenticate }, async (request, reply) => {
    const body = parseBody(EvaluateRequestSchema, request.body, reply);
    if (!body) return reply;
    if (nestedDeeperThan(body.action.payload, MAX_JSON_DEPTH)) {
      return reply.code(400).send(errorBody('invalid_request', `action.payload: arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep`));
    }
    return api.evaluate(request.agent as AgentContext, body);
  });

  app.get<{ Params: { id: string }; Querystring: { wait?: string } }>(
    '/v1/decisions/:id',
    { onRequest: authenticate },
    async (request, reply) => {
      const { id } = request.params;
      if (!DECISION_ID.test(id)) return reply.code(400).send(errorBody('invalid_request', 'decision id must be a UUID'));
      const wait = request.query.wait ?? '0';
      if (!/^\d{1,4}(\.\d{1,3})?$/.test(wait)) {
        return reply.code(400).send(errorBody('invalid_request', 'wait must be a number of seconds'));
      }
      const waitMs = Math.min(MAX_WAIT_MS, Math.round(Number(wait) * 1000));
      const decision = await api.decision(request.agent as AgentContext, id, waitMs);
      if (!decision) return reply.code(404).send(errorBody('not_found', `no decision ${id} for this agent`));
      return decision;
    },
  );

  app.post<{ Params: { id: string } }>('/v1/decisions/:id/outcome', { onRequest: authenticate }, async (request, reply) => {
    const { id } = request.params;
    if (!DECISION_ID.test(id)) return reply.code(400).send(errorBody('invalid_request', 'decision id must be a UUID'));
    const body = parseBody(OutcomeRequestSchema, request.body, reply);
    if (!body) return reply;
    if (!api.recordOutcome(request.agent as AgentContext, id, body)) {
      return reply.code(404).send(errorBody('not_found', `no decision ${id} for this agent`));
    }
    return { recorded: true };
  });

  app.post<{ Params: { '*': string } }>('/v1/data/*', { onRequest: authenticate }, async (request, reply) => {
    const path = request.params['*'].split('/').filter((part) => part.length > 0);
    if (path.some((part) => !/^[A-Za-z0-9_.-]{1,128}$/.test(part))) {
      return reply.code(400).send(errorBody('invalid_parameter', 'path segments are names of packages and rules'));
    }
    const body = request.body;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      return reply.code(400).send(errorBody('invalid_parameter', 'the body must be an object {"input": ...}'));
    }
    const input = (body as { input?: unknown } | undefined)?.input;
    if (nestedDeeperThan(input, MAX_JSON_DEPTH)) {
      return reply.code(400).send(errorBody('invalid_parameter', `input: arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep`));
    }
    const answer = api.queryData(request.agent as AgentContext, path, input);
    // OPA answers evaluation errors (conflicts, type errors in strict mode) with 500.
    if (answer.error) return reply.code(500).send(errorBody(answer.error.code, answer.error.message));
    return answer.result === undefined ? {} : { result: answer.result };
  });
}
