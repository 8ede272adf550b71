import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluateRequestSchema, MAX_WAIT_MS, OutcomeRequestSchema } from '../../src-shared/agent-api';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { MAX_JSON_DEPTH } from '../../src-main/server/agent-routes';
import { rawRequest, residentBytes, type RawResponse } from '../support/agent-client';
import { registerAgents } from '../support/register-agents';
import { startServeProcess, type ServeProcess } from '../support/serve-process';

/**
 * Bad input against a real `portcullis serve` child process: thousands of malformed requests
 * (generated and hand-written), each of which must get a 4xx `{error:{code,message}}` without a
 * stack trace, while everything the contract accepts gets a decision. Afterwards the service
 * still decides, its memory has not grown with what it was sent, and the audit log holds every
 * decision it answered and verifies.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const REQUEST_TIMEOUT_MS = 15_000;
const MEMORY_GROWTH_LIMIT = 100 * 1024 * 1024;
const DECISION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const READ = { type: 'db_query', tool: 'sql.query', verb: 'select', target: { system: 'postgres', resource: 'orders' }, payload: { query: 'SELECT id FROM orders LIMIT 10' } };
/** What a stack trace or an internal path looks like in a response body. */
const LEAK_PATTERNS = [/\n\s+at\s/, /\bat\s+\S+\s+\(.*:\d+:\d+\)/, /node_modules\//, /src-main\//, /\/work\//, /file:\/\//];

let dataDir: string;
let service: ServeProcess;
let keys: string[];
let keepAlive: Agent;
/** One decision per agent, for the outcome and decision endpoints (decisions are per agent). */
const knownDecision: string[] = [];
let next = 0;
const nextKey = (): { key: string; index: number } => {
  const index = next++ % keys.length;
  return { key: keys[index] as string, index };
};

const figures = { requests: 0, decisions: 0, clientErrors: 0, bytesSent: 0, rssBefore: 0, rssAfter: 0 };

// ---------------------------------------------------------------------------------------------
// What the service must answer

type Expectation =
  | { kind: 'decision' }
  | { kind: 'ok' }
  | { kind: 'client-error'; status?: number; code?: string };

/** Describes what is wrong with a response, or undefined when it is what was expected. */
function problemWith(res: RawResponse, expected: Expectation): string | undefined {
  const head = `HTTP ${res.status} ${res.body.slice(0, 300)}`;
  for (const pattern of LEAK_PATTERNS) if (pattern.test(res.body)) return `the body leaks internals (${pattern}): ${head}`;
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) return `not JSON (content-type ${String(res.headers['content-type'])}): ${head}`;
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return `body is not JSON: ${head}`;
  }
  if (expected.kind === 'decision' || expected.kind === 'ok') {
    if (res.status !== 200) return `expected 200, got ${head}`;
    if (expected.kind === 'decision') {
      const decision = body as { decision_id?: unknown; decision?: unknown };
      if (typeof decision.decision_id !== 'string' || !DECISION_ID.test(decision.decision_id)) return `no decision_id: ${head}`;
      if (!['allow', 'block', 'review'].includes(decision.decision as string)) return `no verdict: ${head}`;
    }
    return undefined;
  }
  if (res.status < 400 || res.status > 499) return `expected 4xx, got ${head}`;
  if (expected.status !== undefined && res.status !== expected.status) return `expected ${expected.status}, got ${head}`;
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (
    typeof body !== 'object' ||
    body === null ||
    Object.keys(body).join() !== 'error' ||
    typeof error?.code !== 'string' ||
    !/^[a-z_]+$/.test(error.code) ||
    typeof error.message !== 'string' ||
    error.message.length === 0
  ) {
    return `not an {error:{code,message}} body: ${head}`;
  }
  if (expected.code !== undefined && error.code !== expected.code) return `expected code ${expected.code}, got ${head}`;
  if (res.body.length > 4096) return `error body of ${res.body.length} bytes echoes too much: ${head}`;
  return undefined;
}

const failures: string[] = [];


async function send(
  label: string,
  request: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; fresh?: boolean },
  expected: Expectation,
): Promise<RawResponse | undefined> {
  figures.requests++;
  figures.bytesSent += request.body === undefined ? 0 : Buffer.byteLength(request.body);
  let res: RawResponse;
  try {
    res = await rawRequest(service.url, {
      method: request.method ?? 'POST',
      path: request.path,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.fresh ? {} : { agent: keepAlive }),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  } catch (error) {
    failures.push(`${label}: no HTTP answer (${String(error)})`);
    return undefined;
  }
  const problem = problemWith(res, expected);
  if (problem) failures.push(`${label}: ${problem}`);
  else if (res.status === 200) figures.decisions += expected.kind === 'decision' ? 1 : 0;
  else figures.clientErrors++;
  return res;
}

const jsonHeaders = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

/** Runs `tasks` with at most `width` in flight. */
async function pool(width: number, tasks: (() => Promise<unknown>)[]): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (i < tasks.length) await (tasks[i++] as () => Promise<unknown>)();
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Exact classification of a body: what the contract (and JSON) accepts gets a decision

/** Nesting depth of arrays and objects, without recursion (the value may be 100k deep). */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    max = Math.max(max, depth + 1);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Fastify's JSON parser refuses `__proto__` keys and `constructor.prototype` (prototype poisoning). */
function poisoned(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Object.prototype.hasOwnProperty.call(item, '__proto__')) return true;
    const ctor = (item as Record<string, unknown>).constructor;
    if (Object.prototype.hasOwnProperty.call(item, 'constructor') && ctor !== null && typeof ctor === 'object' && Object.prototype.hasOwnProperty.call(ctor, 'prototype')) {
      return true;
    }
    stack.push(...Object.values(item));
  }
  return false;
}

function parses(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** What /v1/evaluate must answer for these bytes. */
function evaluateExpectation(bytes: Buffer): Expectation {
  const parsed = parses(bytes.toString('utf8'));
  if (!parsed || poisoned(parsed.value)) return { kind: 'client-error', status: 400 };
  const checked = EvaluateRequestSchema.safeParse(parsed.value);
  if (!checked.success) return { kind: 'client-error', status: 400, code: 'invalid_request' };
  if (nestingDepth(checked.data.action.payload) > MAX_JSON_DEPTH) return { kind: 'client-error', status: 400, code: 'invalid_request' };
  return { kind: 'decision' };
}

function outcomeExpectation(bytes: Buffer): Expectation {
  const parsed = parses(bytes.toString('utf8'));
  if (!parsed || poisoned(parsed.value)) return { kind: 'client-error', status: 400 };
  return OutcomeRequestSchema.safeParse(parsed.value).success ? { kind: 'ok' } : { kind: 'client-error', status: 400, code: 'invalid_request' };
}

// ---------------------------------------------------------------------------------------------
// Generators: contract-shaped bodies where any field may be missing, mistyped, too long or extra

const wrong = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `a${String.fromCharCode(c)}b`);
const text = (max: number, min = 0) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 40) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 20) }) },
    { weight: 1, arbitrary: loneSurrogate },
    { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
    { weight: 1, arbitrary: fc.constant('y'.repeat(max + 1)) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: wrong },
  );
const nested = fc
  .tuple(fc.integer({ min: MAX_JSON_DEPTH - 3, max: MAX_JSON_DEPTH + 3 }), fc.boolean())
  .map(([depth, objects]) => {
    let value: unknown = 'AKIAZ7QX4M2NBV5WPLRT';
    for (let i = 1; i < depth; i++) value = objects ? { k: value } : [value];
    return objects ? { k: value } : [value];
  });
const payload = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: nested },
  { weight: 1, arbitrary: fc.constant('p'.repeat(200_000)) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 6 }) },
);
const extras = fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('agent', 'sesion_id', '__proto__', 'constructor', 'toString')), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });
const withExtras = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.tuple(arb, extras).map(([base, extra]) => ({ ...extra, ...base })) });
const target = withExtras(
  fc.record(
    {
      system: text(256),
      resource: text(4096),
      url: text(8192),
      host: text(255),
      environment: text(64),
      external: fc.oneof(fc.boolean(), wrong),
    },
    { requiredKeys: [] },
  ),
);
const action = withExtras(
  fc.record(
    {
      type: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('db_query', 'db_write', 'http_request', 'shell', 'email', 'tool_call') }, { weight: 2, arbitrary: text(64, 1) }),
      tool: text(256),
      verb: text(64),
      target: fc.oneof({ weight: 4, arbitrary: target }, { weight: 1, arbitrary: wrong }),
      payload,
    },
    { requiredKeys: [] },
  ),
);
const evaluateBody = fc.oneof(
  {
    weight: 8,
    arbitrary: withExtras(
      fc.record(
        {
          action: fc.oneof({ weight: 8, arbitrary: action }, { weight: 1, arbitrary: wrong }),
          session_id: text(128, 1),
          // Valid waits stay short: a fuzzed action may well be held for review.
          wait_ms: fc.oneof(
            fc.integer({ min: 0, max: 20 }),
            fc.integer({ min: -1e9, max: -1 }),
            fc.constantFrom(MAX_WAIT_MS + 1, 2 ** 53, 0.5, -0, Number.NaN),
            wrong,
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** The JSON text of a body, sometimes broken: truncated, a character spliced in, or raw garbage. */
const jsonText = (body: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 8, arbitrary: body.map((b) => JSON.stringify(b) ?? '') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(body, fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }))
        .map(([b, at, insert]) => {
          const s = JSON.stringify(b) ?? '';
          const i = at % (s.length + 1);
          return s.slice(0, i) + insert + s.slice(i);
        }),
    },
    { weight: 1, arbitrary: fc.tuple(body, fc.nat()).map(([b, at]) => { const s = JSON.stringify(b) ?? ''; return s.slice(0, at % Math.max(1, s.length)); }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  );

const outcomeBody = withExtras(
  fc.record(
    { outcome: fc.oneof(fc.constantFrom('executed', 'failed', 'abandoned'), text(20), wrong), detail: text(2000) },
    { requiredKeys: [] },
  ),
);

// ---------------------------------------------------------------------------------------------

/** Percent-encodes everything but unreserved characters, byte by byte (a lone surrogate goes as U+FFFD). */
const pct = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const nest = (depth: number, open: string, close: string, inner: string) => open.repeat(depth) + inner + close.repeat(depth);
const wrap = (actionJson: string) => `{"action":${actionJson}}`;

/** A complete HTTP/1.1 response in `bytes` (with a content-length, or ended by the close). */
function parseResponse(bytes: Buffer, closed: boolean): RawResponse | undefined {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const head = bytes.subarray(0, split).toString('latin1');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  const rest = bytes.subarray(split + 4);
  if (length === undefined ? !closed : rest.length < length) return undefined;
  const body = (length === undefined ? rest : rest.subarray(0, length)).toString('utf8');
  return { status, headers, body, json: () => JSON.parse(body) as unknown };
}

/**
 * One exchange over a raw socket, for bytes no HTTP client sends and for bodies the service
 * refuses part-way: the body goes in 64 KiB pieces and stops as soon as an answer arrives (a
 * declared length over the limit is answered on the headers alone), as a careful client does.
 */
function exchange(head: string, body?: Buffer, chunked = false): Promise<RawResponse> {
  const { hostname, port } = new URL(service.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (closed: boolean, error?: Error) => {
      if (settled) return;
      const res = parseResponse(received, closed);
      if (!res && !closed) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (res) resolve(res);
      else reject(error ?? new Error(`connection closed without an answer (${received.length} bytes received)`));
    };
    const timer = setTimeout(() => settle(true, new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
    socket.on('data', (c: Buffer) => {
      received = Buffer.concat([received, c]);
      settle(false);
    });
    socket.on('error', (error) => settle(true, error));
    socket.on('close', () => settle(true));
    socket.on('connect', () => {
      socket.write(head);
      if (!body) return;
      void (async () => {
        if (!chunked) for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        for (let at = 0; at < body.length && received.length === 0 && !socket.destroyed; at += 64 * 1024) {
          const piece = body.subarray(at, at + 64 * 1024);
          const framed = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
          figures.bytesSent += framed.length;
          await new Promise<void>((done) => socket.write(framed, () => done()));
          // Paced, so the service has read what was sent when it refuses: closing a socket with
          // unread bytes makes TCP reset the connection, and the client may lose the answer.
          if (chunked) await new Promise((r) => setTimeout(r, 5));
        }
        if (chunked && received.length === 0 && !socket.destroyed) socket.write('0\r\n\r\n');
      })();
    });
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portcullis-fuzz-'));
  keys = registerAgents(
    dataDir,
    Array.from({ length: 4 }, (_, i) => ({ name: `fuzz-${i}`, role: 'ops' })),
  );
  service = await startServeProcess({ entry: 'source', dataDir });
  keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });
});

afterAll(async () => {
  keepAlive?.destroy();
  if (service && service.child.exitCode === null) await service.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the agent endpoint under malformed input', () => {
  it('answers thousands of malformed requests with a 4xx JSON error, decides what the contract accepts, and stays within its memory', async () => {
    const pid = service.child.pid as number;
    // Warm up (JIT, policies, SQLite cache) before the baseline, and make one decision per agent.
    for (let i = 0; i < keys.length; i++) {
      const res = await send('warm-up', { path: '/v1/evaluate', headers: jsonHeaders(keys[i] as string), body: JSON.stringify({ action: READ }) }, { kind: 'decision' });
      knownDecision[i] = (res?.json() as { decision_id: string }).decision_id;
    }
    await pool(
      8,
      Array.from({ length: 400 }, (_, i) => () => {
        const { key } = nextKey();
        const body = i % 2 === 0 ? JSON.stringify({ action: READ }) : '{"action":{}}';
        return send('warm-up', { path: '/v1/evaluate', headers: jsonHeaders(key), body }, i % 2 === 0 ? { kind: 'decision' } : { kind: 'client-error', status: 400 });
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    figures.rssBefore = residentBytes(pid) ?? 0;
    expect(figures.rssBefore, 'VmRSS of the service process is readable').toBeGreaterThan(0);

    // 1. Generated /v1/evaluate bodies: exact expectations from the contract's schema.
    const evaluateTexts = fc.sample(jsonText(evaluateBody), { numRuns: 3000, seed: SEED });
    await pool(
      8,
      evaluateTexts.map((text, i) => () => {
        const bytes = Buffer.from(text, 'utf8');
        const { key } = nextKey();
        return send(`evaluate #${i} (seed ${SEED}) ${text.slice(0, 200)}`, { path: '/v1/evaluate', headers: jsonHeaders(key), body: bytes }, evaluateExpectation(bytes));
      }),
    );

    // 2. Generated outcome reports on a real decision of the calling agent.
    const outcomeTexts = fc.sample(jsonText(outcomeBody), { numRuns: 600, seed: SEED + 1 });
    await pool(
      8,
      outcomeTexts.map((text, i) => () => {
        const bytes = Buffer.from(text, 'utf8');
        const { key, index } = nextKey();
        return send(`outcome #${i} ${text.slice(0, 200)}`, { path: `/v1/decisions/${knownDecision[index]}/outcome`, headers: jsonHeaders(key), body: bytes }, outcomeExpectation(bytes));
      }),
    );

    // 3. Generated decision ids and wait values on GET /v1/decisions/:id.
    const idArb = fc.oneof(
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constant('known') },
      { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
      { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
      { weight: 1, arbitrary: fc.constantFrom('..', '.', '%', '%zz', '%00', '../../etc/passwd', 'x'.repeat(5000)) },
    );
    const waitArb = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('0', '0.01', '1', '-1', '1e3', 'abc', '0x10', '1.2345', '', 'NaN', 'Infinity', ' 1', '99999', '%00', '0.000'),
      fc.string({ maxLength: 8 }),
    );
    const lookups = fc.sample(fc.tuple(idArb, waitArb, fc.boolean()), { numRuns: 600, seed: SEED + 2 });
    await pool(
      8,
      lookups.map(([rawId, wait, encode], i) => () => {
        const { key, index } = nextKey();
        const id = rawId === 'known' ? (knownDecision[index] as string) : rawId;
        const pathId = encode ? pct(id) : id.replace(/[^\x21-\x7e]|[?#/]/gu, (c) => pct(c));
        const query = wait === undefined ? '' : `?wait=${pct(wait)}`;
        // Only the exact shape of a UUID (lowercase) and a plain number of seconds are accepted;
        // a well-formed id nobody issued (to this agent) is 404.
        let expected: Expectation;
        let decodedId: string | undefined;
        try {
          decodedId = decodeURIComponent(pathId);
        } catch {
          decodedId = undefined;
        }
        const waitOk = wait === undefined || /^\d{1,4}(\.\d{1,3})?$/.test(wait);
        if (decodedId !== undefined && DECISION_ID.test(decodedId) && waitOk) {
          expected = id === knownDecision[index] ? { kind: 'ok' } : { kind: 'client-error', status: 404, code: 'not_found' };
        } else {
          expected = { kind: 'client-error' };
        }
        // A known, decided decision answers at once, whatever the wait.
        return send(`GET decision #${i} ${pathId.slice(0, 80)}${query}`, { method: 'GET', path: `/v1/decisions/${pathId}${query}`, headers: { authorization: `Bearer ${key}` } }, expected);
      }),
    );

    // 4. OPA Data API: odd path segments and bodies. Names of Object.prototype are not documents.
    const segment = fc.oneof(
      fc.constantFrom('portcullis', 'credentials', 'deny', 'config', 'privilege', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'length', '0', '..', '.', '-', 'a'.repeat(129)),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    const dataBody = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 3 }).map((input) => JSON.stringify({ input })),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.constantFrom('[]', 'null', '"x"', '{', '{"input":'),
    );
    const queries = fc.sample(fc.tuple(fc.array(segment, { maxLength: 5 }), dataBody), { numRuns: 500, seed: SEED + 3 });
    const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).concat(['prototype', 'length']));
    await pool(
      8,
      queries.map(([segments, body], i) => async () => {
        const { key } = nextKey();
        const path = `/v1/data/${segments.map(pct).join('/')}`;
        const parsedBody = body === undefined ? { value: undefined } : parses(body);
        const names = segments.filter((s) => s.length > 0);
        const namesOk = names.every((s) => /^[A-Za-z0-9_.-]{1,128}$/.test(s));
        const bodyOk = parsedBody !== undefined && !poisoned(parsedBody.value) && (parsedBody.value === undefined || (typeof parsedBody.value === 'object' && parsedBody.value !== null && !Array.isArray(parsedBody.value)));
        const expected: Expectation = namesOk && bodyOk && !segments.some((s) => s.includes('/')) ? { kind: 'ok' } : { kind: 'client-error' };
        const res = await send(`data #${i} ${path}`, { path, headers: body === undefined ? { authorization: `Bearer ${key}` } : jsonHeaders(key), ...(body === undefined ? {} : { body }) }, expected);
        if (res?.status === 200 && names.some((s) => PROTOTYPE_NAMES.has(s))) {
          const answer = res.json() as { result?: unknown };
          if ('result' in answer && names.some((s) => ['__proto__', 'constructor', 'prototype'].includes(s))) {
            failures.push(`data #${i} ${path}: answered a document from the JavaScript prototype chain: ${res.body.slice(0, 200)}`);
          }
        }
      }),
    );

    // 5. Every field of the contract, one at a time, set to each wrong kind of value.
    const WRONG_VALUES: unknown[] = [null, true, 0, -1, 1.5, '', 'x', [], {}, ['a'], { a: 1 }, 'w'.repeat(10_000)];
    const FIELDS: string[][] = [
      ['action'],
      ['action', 'type'],
      ['action', 'tool'],
      ['action', 'verb'],
      ['action', 'target'],
      ...['system', 'resource', 'url', 'host', 'environment', 'external'].map((f) => ['action', 'target', f]),
      ['session_id'],
      ['wait_ms'],
    ];
    const fieldCases: (() => Promise<unknown>)[] = [];
    for (const path of FIELDS) {
      for (const value of WRONG_VALUES) {
        const body = structuredClone({ action: { ...READ, target: { ...READ.target, url: 'https://db.internal/x', host: 'db.internal', environment: 'staging', external: false } }, session_id: 's', wait_ms: 0 }) as Record<string, unknown>;
        let parent = body;
        for (const part of path.slice(0, -1)) parent = parent[part] as Record<string, unknown>;
        parent[path.at(-1) as string] = value;
        const bytes = Buffer.from(JSON.stringify(body));
        fieldCases.push(() => send(`${path.join('.')} = ${JSON.stringify(value).slice(0, 30)}`, { path: '/v1/evaluate', headers: jsonHeaders(nextKey().key), body: bytes }, evaluateExpectation(bytes)));
      }
    }
    for (const value of WRONG_VALUES) {
      for (const field of ['outcome', 'detail']) {
        const bytes = Buffer.from(JSON.stringify({ outcome: 'executed', detail: 'd', [field]: value }));
        fieldCases.push(() => {
          const { key, index } = nextKey();
          return send(`outcome.${field} = ${JSON.stringify(value).slice(0, 30)}`, { path: `/v1/decisions/${knownDecision[index]}/outcome`, headers: jsonHeaders(key), body: bytes }, outcomeExpectation(bytes));
        });
      }
    }
    await pool(8, fieldCases);
    // Each of those fields is optional or required as the contract says: valid values pass.
    expect(EvaluateRequestSchema.safeParse({ action: { ...READ, target: { ...READ.target, url: 'https://db.internal/x', host: 'db.internal', environment: 'staging', external: false } }, session_id: 's', wait_ms: 0 }).success).toBe(true);

    // 6. Hand-written nasty cases.
    const key = keys[0] as string;
    const h = jsonHeaders(key);
    const deepArrays = wrap(`{"type":"tool_call","payload":${nest(100_000, '[', ']', '"AKIAZ7QX4M2NBV5WPLRT"')}}`);
    const deepObjects = wrap(`{"type":"tool_call","payload":${nest(100_000, '{"a":', '}', '1')}}`);
    const bigPayload = `{"action":{"type":"tool_call","payload":"${'z'.repeat(2 * 1024 * 1024)}"}}`;
    const invalidUtf8 = (bytes: number[]) =>
      Buffer.concat([Buffer.from('{"action":{"type":"http_request","payload":{"note":"'), Buffer.from(bytes), Buffer.from('"}}}')]);
    const cases: { label: string; method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; expected: Expectation; fresh?: boolean }[] = [
      { label: '100k-deep arrays in the payload', body: deepArrays, expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: '100k-deep objects in the payload', body: deepObjects, expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: '100k-deep arrays as the body', body: nest(100_000, '[', ']', ''), expected: { kind: 'client-error', status: 400 } },
      { label: '60k-deep objects naming __proto__ and constructor (the poisoning scan)', body: wrap(`{"type":"x","payload":${nest(60_000, '{"constructor":', '}', '"__proto__"')}}`), expected: { kind: 'client-error', status: 400 } },
      { label: '100k-deep input to the OPA Data API', path: '/v1/data/portcullis/credentials/deny', body: `{"input":${nest(100_000, '{"a":', '}', '1')}}`, expected: { kind: 'client-error', status: 400, code: 'invalid_parameter' } },
      { label: 'invalid UTF-8: 0xff 0xfe', body: invalidUtf8([0xff, 0xfe]), expected: { kind: 'client-error', status: 400 }, fresh: true },
      { label: 'invalid UTF-8: overlong NUL (c0 80)', body: invalidUtf8([0xc0, 0x80]), expected: { kind: 'client-error', status: 400 }, fresh: true },
      { label: 'invalid UTF-8: encoded surrogate (ed a0 80)', body: invalidUtf8([0xed, 0xa0, 0x80]), expected: { kind: 'client-error', status: 400 }, fresh: true },
      { label: 'invalid UTF-8: truncated sequence (e2 82)', body: invalidUtf8([0xe2, 0x82]), expected: { kind: 'client-error', status: 400 }, fresh: true },
      { label: 'invalid UTF-8 splitting a secret', body: invalidUtf8([...Buffer.from('AKIAZ7QX'), 0xff, ...Buffer.from('4M2NBV5WPLRT')]), expected: { kind: 'client-error', status: 400 }, fresh: true },
      { label: 'escaped lone high surrogate in type', body: wrap('{"type":"\\ud800"}'), expected: evaluateExpectation(Buffer.from(wrap('{"type":"\\ud800"}'))) },
      { label: 'escaped lone low surrogate in payload', body: wrap('{"type":"x","payload":"\\udc00AKIA"}'), expected: evaluateExpectation(Buffer.from(wrap('{"type":"x","payload":"\\udc00AKIA"}'))) },
      { label: 'duplicate keys', body: '{"action":{"type":"db_query"},"action":{"type":"db_write"}}', expected: evaluateExpectation(Buffer.from('{"action":{"type":"db_query"},"action":{"type":"db_write"}}')) },
      { label: '__proto__ at the top', body: '{"action":{"type":"x"},"__proto__":{"polluted":true}}', expected: { kind: 'client-error', status: 400 } },
      { label: '__proto__ in the payload', body: wrap('{"type":"x","payload":{"__proto__":{"isAdmin":true}}}'), expected: { kind: 'client-error', status: 400 } },
      { label: 'constructor.prototype in the payload', body: wrap('{"type":"x","payload":{"constructor":{"prototype":{"isAdmin":true}}}}'), expected: { kind: 'client-error', status: 400 } },
      { label: 'wait_ms 1e999', body: '{"action":{"type":"x"},"wait_ms":1e999}', expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'payload 1e999 (Infinity)', body: wrap('{"type":"x","payload":1e999}'), expected: { kind: 'decision' } },
      { label: 'payload -1e-999', body: wrap('{"type":"x","payload":[-1e-999,1e308,-0]}'), expected: { kind: 'decision' } },
      { label: 'text/plain', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/plain' }, body: JSON.stringify({ action: READ }), expected: { kind: 'client-error', status: 415, code: 'unsupported_media_type' } },
      { label: 'form-urlencoded', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=x', expected: { kind: 'client-error', status: 415 } },
      { label: 'multipart', headers: { authorization: `Bearer ${key}`, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\n\r\n--x--', expected: { kind: 'client-error', status: 415 } },
      { label: 'a content type that only looks like JSON', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/jsonx' }, body: JSON.stringify({ action: READ }), expected: { kind: 'client-error', status: 415 } },
      { label: 'a body without a content type', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ action: READ }), expected: { kind: 'client-error', status: 415 } },
      { label: 'empty JSON body', body: '', expected: { kind: 'client-error', status: 400 } },
      { label: 'no body at all', headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'body null', body: 'null', expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'body a string', body: '"evaluate this"', expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'body an array', body: JSON.stringify([{ action: READ }]), expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'body a number', body: '42', expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'body whitespace', body: ' \n\t ', expected: { kind: 'client-error', status: 400 } },
      { label: 'NUL bytes in the JSON', body: `{"action":{"type":"x\u0000"}}`, expected: { kind: 'client-error', status: 400 } },
      { label: 'the agent named in the body', body: JSON.stringify({ action: READ, agent: { id: 'root' } }), expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'a misspelt field', body: JSON.stringify({ action: READ, sesion_id: 's' }), expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'a 9000-char url', body: JSON.stringify({ action: { ...READ, target: { url: `https://x/${'u'.repeat(9000)}` } } }), expected: { kind: 'client-error', status: 400, code: 'invalid_request' } },
      { label: 'a 999 KiB payload string (under the limit)', body: JSON.stringify({ action: { type: 'tool_call', payload: 'q'.repeat(999 * 1024) } }), expected: { kind: 'decision' } },
      { label: 'PUT /v1/evaluate', method: 'PUT', body: JSON.stringify({ action: READ }), expected: { kind: 'client-error', status: 404 } },
      { label: 'GET /v1/evaluate', method: 'GET', headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error', status: 404 } },
      { label: 'outcome on a malformed id', path: '/v1/decisions/not-a-uuid/outcome', body: '{"outcome":"executed"}', expected: { kind: 'client-error', status: 400 } },
      { label: 'outcome on an unknown id', path: '/v1/decisions/00000000-0000-4000-8000-000000000000/outcome', body: '{"outcome":"executed"}', expected: { kind: 'client-error', status: 404, code: 'not_found' } },
      { label: 'duplicate wait parameters', method: 'GET', path: `/v1/decisions/${knownDecision[0]}?wait=1&wait=2`, headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error', status: 400 } },
      { label: 'a wait parameter in brackets', method: 'GET', path: `/v1/decisions/${knownDecision[0]}?wait[a]=1`, headers: { authorization: `Bearer ${key}` }, expected: { kind: 'ok' } },
      { label: 'a 200-char decision id', method: 'GET', path: `/v1/decisions/${'a'.repeat(200)}`, headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error' } },
      { label: 'a 5000-char decision id', method: 'GET', path: `/v1/decisions/${'a'.repeat(5000)}`, headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error' } },
      { label: 'a malformed percent escape in the path', method: 'GET', path: '/v1/decisions/%E0%A4%A', headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error', status: 400 } },
      { label: 'a malformed percent escape in the query', method: 'GET', path: `/v1/decisions/${knownDecision[0]}?wait=%E0%A4%A`, headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error', status: 400 } },
      { label: 'data path with an empty segment', path: '/v1/data/portcullis//config', body: '{}', expected: { kind: 'ok' } },
      { label: 'data path with dot-dot', path: '/v1/data/portcullis/%2e%2e/%2e%2e/etc', body: '{}', expected: { kind: 'ok' } },
      { label: 'data path with a NUL', path: '/v1/data/portcullis/a%00b', body: '{}', expected: { kind: 'client-error', status: 400, code: 'invalid_parameter' } },
      { label: 'data path __proto__', path: '/v1/data/__proto__', body: '{}', expected: { kind: 'ok' } },
      { label: 'data path constructor/prototype', path: '/v1/data/constructor/prototype', body: '{}', expected: { kind: 'ok' } },
      { label: 'data body null', path: '/v1/data/portcullis', body: 'null', expected: { kind: 'client-error', status: 400, code: 'invalid_parameter' } },
      { label: 'data body an array', path: '/v1/data/portcullis', body: '[{"input":1}]', expected: { kind: 'client-error', status: 400, code: 'invalid_parameter' } },
      { label: 'a 20 KB URL', method: 'GET', path: `/v1/decisions/${'a'.repeat(20_000)}`, headers: { authorization: `Bearer ${key}` }, expected: { kind: 'client-error', status: 431 }, fresh: true },
      { label: 'a 20 KB header', headers: { ...h, 'x-filler': 'f'.repeat(20_000) }, body: JSON.stringify({ action: READ }), expected: { kind: 'client-error', status: 431 }, fresh: true },
    ];
    for (const c of cases) {
      await send(c.label, { method: c.method ?? 'POST', path: c.path ?? '/v1/evaluate', headers: c.headers ?? h, ...(c.body === undefined ? {} : { body: c.body }), ...(c.fresh ? { fresh: true } : {}) }, c.expected);
    }

    // A secret as deep as a payload may nest is still found (nothing accepted goes unscanned).
    const deepest = await send('a secret at the deepest accepted level', { path: '/v1/evaluate', headers: h, body: wrap(`{"type":"tool_call","payload":${nest(MAX_JSON_DEPTH, '[', ']', '"AKIAZ7QX4M2NBV5WPLRT"')}}`) }, { kind: 'decision' });
    expect((deepest?.json() as { findings?: { type: string }[] } | undefined)?.findings?.map((f) => f.type)).toContain('AWS_ACCESS_KEY');

    // Bodies over the 1 MiB limit, with a declared length and chunked.
    const host = new URL(service.url).host;
    const overLimit = (label: string, chunked: boolean) => async () => {
      figures.requests++;
      const head =
        `POST /v1/evaluate HTTP/1.1\r\nhost: ${host}\r\nauthorization: Bearer ${nextKey().key}\r\ncontent-type: application/json\r\n` +
        (chunked ? 'transfer-encoding: chunked\r\n\r\n' : `content-length: ${Buffer.byteLength(bigPayload)}\r\n\r\n`);
      try {
        const problem = problemWith(await exchange(head, Buffer.from(bigPayload), chunked), { kind: 'client-error', status: 413, code: 'payload_too_large' });
        if (problem) failures.push(`${label}: ${problem}`);
        else figures.clientErrors++;
      } catch (error) {
        failures.push(`${label}: no HTTP answer (${String(error)})`);
      }
    };
    await overLimit('a 2 MB body (over the 1 MiB limit)', false)();
    await overLimit('a 2 MB body, chunked', true)();

    // Bytes no HTTP client sends: broken request lines and framing.
    const rawCases: { label: string; bytes: string }[] = [
      { label: 'garbage request line', bytes: 'GARBAGE\r\n\r\n' },
      { label: 'bad HTTP version', bytes: `POST /v1/evaluate HTTP/9.9\r\nhost: ${host}\r\n\r\n` },
      { label: 'content-length and chunked together', bytes: `POST /v1/evaluate HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n` },
      { label: 'negative content-length', bytes: `POST /v1/evaluate HTTP/1.1\r\nhost: ${host}\r\ncontent-length: -1\r\n\r\n` },
      { label: 'bad chunk size', bytes: `POST /v1/evaluate HTTP/1.1\r\nhost: ${host}\r\ntransfer-encoding: chunked\r\ncontent-type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n` },
      { label: 'a NUL in a header', bytes: `POST /v1/evaluate HTTP/1.1\r\nhost: ${host}\r\nx-a: a\u0000b\r\ncontent-length: 0\r\n\r\n` },
    ];
    for (const c of rawCases) {
      figures.requests++;
      try {
        const res = await exchange(c.bytes);
        const problem = problemWith(res, { kind: 'client-error', status: 400 });
        if (problem) failures.push(`${c.label}: ${problem}`);
        else figures.clientErrors++;
      } catch (error) {
        failures.push(`${c.label}: no HTTP answer (${String(error)})`);
      }
    }

    // 7. Volume: big bodies that are refused. A service that kept each body would grow by far more
    // than the memory bound below (250 x 900 KB refused, 24 x 2 MB over the limit).
    const filler = 'm'.repeat(900 * 1024);
    await pool(
      4,
      Array.from({ length: 250 }, (_, i) => () => {
        const { key: k } = nextKey();
        return send(`big refused #${i}`, { path: '/v1/evaluate', headers: jsonHeaders(k), body: `{"action":{"type":"","payload":"${i}${filler}"}}` }, { kind: 'client-error', status: 400, code: 'invalid_request' });
      }),
    );
    await pool(
      1,
      Array.from({ length: 24 }, (_, i) => overLimit(`over the limit #${i}`, true)),
    );

    // After the barrage: still up, still deciding.
    const after = await send('valid evaluate after the barrage', { path: '/v1/evaluate', headers: h, body: JSON.stringify({ action: READ }) }, { kind: 'decision' });
    expect(after?.status).toBe(200);
    expect((after?.json() as { decision: string }).decision).toBe('allow');
    expect(service.child.exitCode, `the service exited; stderr:\n${service.stderr().slice(-2000)}`).toBeNull();
    // The garbage of the barrage is collected lazily: take the lowest of a few samples while a
    // trickle of small requests lets the collector run. A leak does not go away with time.
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      await send('trickle after the barrage', { path: '/v1/evaluate', headers: h, body: '{"action":{}}' }, { kind: 'client-error', status: 400 });
      await new Promise((r) => setTimeout(r, 250));
      samples.push(residentBytes(pid) ?? Number.POSITIVE_INFINITY);
    }
    figures.rssAfter = Math.min(...samples);

    console.info(
      `fuzz (seed ${SEED}): ${figures.requests} requests, ${(figures.bytesSent / 1024 / 1024).toFixed(0)} MB sent, ` +
        `${figures.decisions} decisions, ${figures.clientErrors} client errors; service RSS ${(figures.rssBefore / 1048576).toFixed(1)} MB -> ${(figures.rssAfter / 1048576).toFixed(1)} MB`,
    );
    // FUZZ_FAILURES_FILE=path keeps every failure, not only the first 15 shown below.
    if (process.env.FUZZ_FAILURES_FILE) writeFileSync(process.env.FUZZ_FAILURES_FILE, failures.join('\n'));
    expect(failures.slice(0, 15), `${failures.length} requests answered wrongly (seed ${SEED})`).toEqual([]);
    expect(figures.requests).toBeGreaterThan(4500);
    expect(figures.bytesSent).toBeGreaterThan(2 * MEMORY_GROWTH_LIMIT);
    expect(figures.rssAfter - figures.rssBefore, 'growth of the service RSS over the barrage').toBeLessThan(MEMORY_GROWTH_LIMIT);
  }, 120_000);

  it('shuts down cleanly afterwards, with every decision it answered in a verifying audit log', async () => {
    expect(await service.stop('SIGTERM')).toBe(0);
    const db = new Database(join(dataDir, 'portcullis.db'), { readonly: true });
    try {
      const decisions = db.prepare('SELECT COUNT(*) FROM decisions').pluck().get() as number;
      const audited = db.prepare("SELECT COUNT(*) FROM audit_entries WHERE kind = 'decision'").pluck().get() as number;
      expect(audited).toBe(decisions);
      expect(decisions).toBe(figures.decisions);
    } finally {
      db.close();
    }
    const report = verifyDataDir({ dataDir });
    expect(report.damage).toBeUndefined();
  }, 60_000);
});
