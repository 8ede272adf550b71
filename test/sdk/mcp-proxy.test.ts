import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deadUrl } from './support/faulty-endpoint';
import { eventually, startRealPortcullis, type RealPortcullis } from './support/portcullis';
import { CALLS, PRIVATE_KEY_PEM } from './support/tool-scenarios';

/**
 * The real MCP client (official SDK, StdioClientTransport) → `portcullis-mcp` (run from source)
 * → a real MCP server (official SDK, stdio), with the real Portcullis deciding.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const PROXY = join(ROOT, 'sdk/src/mcp/cli.ts');
const SERVER = join(ROOT, 'test/sdk/support/mcp-server.ts');

let real: RealPortcullis;
let scratch: string;
const open: Client[] = [];

beforeAll(async () => {
  real = await startRealPortcullis();
  scratch = mkdtempSync(join(tmpdir(), 'portcullis-mcp-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await real?.close();
  rmSync(scratch, { recursive: true, force: true });
});

let sessions = 0;

/** Starts client → proxy → server; returns the client and a reader of which tools actually ran. */
async function connect(options: { url?: string; key?: string; proxyArgs?: string[] } = {}) {
  const invocations = join(scratch, `invocations-${++sessions}.log`);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      ...['--import', 'tsx', PROXY, '--url', options.url ?? real.url, '--key', options.key ?? real.newAgentKey(), ...(options.proxyArgs ?? [])],
      ...['--', process.execPath, '--import', 'tsx', SERVER],
    ],
    env: { ...getDefaultEnvironment(), INVOCATIONS_FILE: invocations },
    cwd: ROOT,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'proxy-test', version: '1.0.0' });
  await client.connect(transport);
  open.push(client);
  const ran = () => (existsSync(invocations) ? readFileSync(invocations, 'utf8').split('\n').filter(Boolean) : []);
  return { client, ran };
}

const textOf = (result: Awaited<ReturnType<Client['callTool']>>) =>
  (result.content as { type: string; text?: string }[]).map((part) => part.text ?? '').join('');

/** The next pending review not seen before, resolved by the operator. */
const handled = new Set<string>();
async function operatorResolvesNextReview(verdict: 'approve' | 'reject') {
  const review = await eventually(
    async () => (await real.operator.listPendingReviews()).find((r) => r.status === 'pending' && !handled.has(r.decisionId)),
    'a pending review',
  );
  handled.add(review.decisionId);
  await real.operator.resolveReview({ decisionId: review.decisionId, verdict });
  return review.decisionId;
}

const outcomesOf = (decisionId: string) =>
  real.auditBodies('decision_outcome').filter((body) => body.decision_id === decisionId).map((body) => body.outcome);
const lastDecision = () => real.auditBodies('decision').at(-1) as { decision_id: string; action: { tool: string; target: Record<string, unknown> } };

describe('portcullis-mcp between a real MCP client and server', () => {
  it('forwards everything else untouched: initialize, tools/list', async () => {
    const { client } = await connect();
    expect(client.getServerVersion()).toMatchObject({ name: 'notes-server', version: '1.0.0' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['echo', 'explode', 'http_post', 'store_secret']);
  });

  it('an allowed call reaches the server once and its outcome is reported', async () => {
    const { client, ran } = await connect();
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe('echo: hello');
    expect(ran()).toEqual(['echo']);
    const decision = lastDecision();
    expect(decision.action).toMatchObject({ tool: 'echo', target: { system: 'notes-server' } });
    expect(await eventually(() => outcomesOf(decision.decision_id)[0], 'the outcome')).toBe('executed');
  });

  it('a blocked call never reaches the server and comes back as a tool error with the reasons', async () => {
    const { client, ran } = await connect();
    const result = await client.callTool({ name: 'http_post', arguments: CALLS.leak.args });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Portcullis blocked the tool call http_post: credentials_to_external_host: .*AWS_ACCESS_KEY/);
    expect(result._meta).toMatchObject({ 'portcullis/decision_id': lastDecision().decision_id, 'portcullis/basis': 'decided' });
    expect(lastDecision().action.target).toMatchObject({ url: CALLS.leak.args.url });
    // The session goes on: the next allowed call still works.
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'still here' } }))).toBe('echo: still here');
    expect(ran()).toEqual(['echo']);
  });

  it('a call under review waits for the operator: approved runs, rejected does not', async () => {
    const { client, ran } = await connect();
    const approved = client.callTool({ name: 'store_secret', arguments: { name: 'deploy', value: PRIVATE_KEY_PEM } });
    await operatorResolvesNextReview('approve');
    expect(textOf(await approved)).toBe('stored deploy');
    const rejected = client.callTool({ name: 'store_secret', arguments: { name: 'again', value: PRIVATE_KEY_PEM } });
    await operatorResolvesNextReview('reject');
    const result = await rejected;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/a reviewer rejected the action/);
    expect(ran()).toEqual(['store_secret']);
  });

  it('a client that cancels while a review is pending: the call never runs and is reported abandoned', async () => {
    const { client, ran } = await connect();
    const abort = new AbortController();
    const call = client.callTool({ name: 'store_secret', arguments: { name: 'x', value: PRIVATE_KEY_PEM } }, undefined, { signal: abort.signal });
    const review = await eventually(
      async () => (await real.operator.listPendingReviews()).find((r) => r.status === 'pending' && !handled.has(r.decisionId)),
      'a pending review',
    );
    handled.add(review.decisionId);
    abort.abort();
    await expect(call).rejects.toThrow();
    expect(await eventually(() => outcomesOf(review.decisionId)[0], 'the abandoned outcome')).toBe('abandoned');
    expect(ran()).toEqual([]);
  });

  it('progress notifications during a review keep a client with a short timeout waiting for the reviewer', async () => {
    const { client, ran } = await connect({ proxyArgs: ['--progress-ms', '100'] });
    let progress = 0;
    const call = client.callTool({ name: 'store_secret', arguments: { name: 'slow', value: PRIVATE_KEY_PEM } }, undefined, {
      timeout: 1_000,
      resetTimeoutOnProgress: true,
      onprogress: () => progress++,
    });
    // Well past the client's own 1 s timeout before the operator answers.
    await eventually(() => (progress >= 15 ? true : undefined), 'progress notifications');
    await operatorResolvesNextReview('approve');
    expect(textOf(await call)).toBe('stored slow');
    expect(ran()).toEqual(['store_secret']);
  });

  it('a tool that fails is reported failed', async () => {
    const { client } = await connect();
    const result = await client.callTool({ name: 'explode', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/sealed/);
    expect(await eventually(() => outcomesOf(lastDecision().decision_id)[0], 'the outcome')).toBe('failed');
  });

  it('fails closed when Portcullis is down: calls are refused, the rest of MCP still works', async () => {
    const { client, ran } = await connect({ url: await deadUrl(), key: 'pca_whatever' });
    expect((await client.listTools()).tools).toHaveLength(4);
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hello' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Portcullis unavailable .*failMode is closed/);
    expect(ran()).toEqual([]);
  });
});
