import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorApiError } from '../../src-shared/operator-api';
import { createHttpOperatorApi } from '../../src-shared/operator-http-client';
import { startService, type Service } from '../../src-main/server/service';

/** Raw HTTP so tests can send what fetch would not (a foreign Host header). */
function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('operator contract over HTTP, against a really started service', () => {
  let dataDir: string;
  let rendererDir: string;
  let service: Service;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portcullis-http-'));
    rendererDir = join(dataDir, 'renderer-fixture');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
    service = await startService({ dataDir: join(dataDir, 'data'), host: '127.0.0.1', port: 0, rendererDir, log: () => {} });
  });
  afterAll(async () => {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('getInfo round-trips through the HTTP transport', async () => {
    const api = createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });
    const info = await api.getInfo();
    expect(info.name).toBe('Portcullis');
    expect(info.dataDir).toBe(join(dataDir, 'data'));
    expect(info.engine.status).toBe('ready');
    expect(info.engine.checks.map((c) => c.name)).toContain('data directory');
    expect(Date.parse(info.startedAt)).toBeLessThanOrEqual(Date.now());
    const later = await api.getInfo();
    expect(later.uptimeMs).toBeGreaterThanOrEqual(info.uptimeMs);
  });

  it('a wrong or missing token is refused with 401 and a JSON error', async () => {
    const api = createHttpOperatorApi({ baseUrl: service.url, token: 'pco_not-the-token' });
    await expect(api.getInfo()).rejects.toMatchObject({ code: 'unauthorized' });
    const res = await rawRequest(service.url, { method: 'POST', path: '/operator/rpc/getInfo', headers: { 'content-type': 'application/json' }, body: '{"args":[]}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'unauthorized', message: 'a valid operator token is required' } });
  });

  const call = (path: string, body: string, headers: Record<string, string> = {}) =>
    rawRequest(service.url, {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${service.operatorToken}`, ...headers },
      body,
    });

  it('an unknown method is 404, bad arguments 400, malformed JSON 400, each a JSON error', async () => {
    const unknown = await call('/operator/rpc/dropTables', '{"args":[]}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_method');
    const badArgs = await call('/operator/rpc/getInfo', '{"args":["extra"]}');
    expect(badArgs.status).toBe(400);
    expect(JSON.parse(badArgs.body).error.code).toBe('invalid_arguments');
    const noArgs = await call('/operator/rpc/getInfo', '{"argz":[]}');
    expect(noArgs.status).toBe(400);
    expect(JSON.parse(noArgs.body).error.code).toBe('invalid_request');
    const broken = await call('/operator/rpc/getInfo', '{"args":');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.code).toBe('invalid_request');
    expect(broken.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('a body over the limit is 413', async () => {
    const res = await call('/operator/rpc/getInfo', JSON.stringify({ args: ['x'.repeat(2 * 1024 * 1024)] }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
  });

  it('a foreign Host header (DNS rebinding) is refused', async () => {
    const res = await rawRequest(service.url, { path: '/health', headers: { host: 'attacker.example:80' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('forbidden_host');
  });

  it('a cross-origin browser request is refused, a same-origin one served', async () => {
    const foreign = await call('/operator/rpc/getInfo', '{"args":[]}', { origin: 'https://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('forbidden_origin');
    const same = await call('/operator/rpc/getInfo', '{"args":[]}', { origin: service.url });
    expect(same.status).toBe(200);
  });

  it('serves the console at / with a strict CSP, and unknown paths as JSON 404', async () => {
    const index = await rawRequest(service.url, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>console</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    const missing = await rawRequest(service.url, { path: '/v1/nothing' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not_found');
  });

  it('OperatorApiError carries the server code to the caller', async () => {
    const api = createHttpOperatorApi({ baseUrl: service.url, token: 'pco_x' });
    const error = await api.getInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperatorApiError);
  });

  it('registers, lists and revokes agents; refusals keep their codes', async () => {
    const api = createHttpOperatorApi({ baseUrl: service.url, token: service.operatorToken });
    const { agent, key } = await api.addAgent({ name: 'http-agent', role: 'support' });
    expect(agent).toMatchObject({ name: 'http-agent', environment: 'production', createdBy: 'operator' });
    expect(service.engine.agents.authenticate(key)?.id).toBe(agent.id);
    expect((await api.listAgents({ includeRevoked: false })).map((a) => a.name)).toContain('http-agent');
    await expect(api.addAgent({ name: 'http-agent', role: 'support' })).rejects.toMatchObject({ code: 'agent_exists' });
    await expect(api.addAgent({ name: 'x y', role: 'support' })).rejects.toMatchObject({ code: 'invalid_arguments' });
    const dup = await call('/operator/rpc/addAgent', JSON.stringify({ args: [{ name: 'http-agent', role: 'r' }] }));
    expect(dup.status).toBe(409);
    const revoked = await api.revokeAgent('http-agent', 'test over');
    expect(revoked.revokedBy).toBe('operator');
    expect(service.engine.agents.authenticate(key)).toBeUndefined();
    await expect(api.revokeAgent('http-agent')).rejects.toMatchObject({ code: 'agent_not_found' });
    expect((await api.listAgents({ includeRevoked: true })).find((a) => a.id === agent.id)?.revokedAt).toBeDefined();
  });

  it('an agent key is not an operator credential', async () => {
    const { key } = service.engine.agents.add({ name: 'sneaky', role: 'r' }, 'test');
    const api = createHttpOperatorApi({ baseUrl: service.url, token: key });
    await expect(api.listAgents({ includeRevoked: true })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('an unreachable service is a clear error, not a hang', async () => {
    const api = createHttpOperatorApi({ baseUrl: 'http://127.0.0.1:1', token: service.operatorToken });
    await expect(api.getInfo()).rejects.toMatchObject({ code: 'unreachable' });
  });
});

describe('console not built', () => {
  it('GET / says how to build it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-nobuild-'));
    const service = await startService({ dataDir: join(dir, 'data'), host: '127.0.0.1', port: 0, rendererDir: join(dir, 'none'), log: () => {} });
    try {
      const res = await rawRequest(service.url, { path: '/' });
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body).error.message).toContain('npm run build');
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
