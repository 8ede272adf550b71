import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Portcullis } from '../../sdk/src/index';
import { startMcpProxy } from '../../sdk/src/mcp/proxy';
import { eventually, startRealPortcullis, type RealPortcullis } from './support/portcullis';
import { CALLS } from './support/tool-scenarios';

/**
 * The proxy's framing rules, line by line, in process: what the server receives and what the
 * client gets back for input no well-behaved MCP client sends. Decisions come from the real service.
 */

let real: RealPortcullis;
beforeAll(async () => {
  real = await startRealPortcullis();
});
afterAll(async () => {
  await real?.close();
});

function harness() {
  const pipes = { fromClient: new PassThrough(), toClient: new PassThrough(), toServer: new PassThrough(), fromServer: new PassThrough() };
  const toServer: string[] = [];
  const toClient: string[] = [];
  pipes.toServer.on('data', (chunk: Buffer) => toServer.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  pipes.toClient.on('data', (chunk: Buffer) => toClient.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const pc = new Portcullis({ url: real.url, apiKey: real.newAgentKey() });
  const proxy = startMcpProxy({ pc, ...pipes, system: 'framing-test' });
  const client = (line: string) => pipes.fromClient.write(`${line}\n`);
  const close = async () => {
    pipes.fromClient.end();
    pipes.fromServer.end();
    await proxy.done;
  };
  return { client, server: (line: string) => pipes.fromServer.write(`${line}\n`), toServer, toClient, close };
}

describe('portcullis-mcp framing', () => {
  it('answers a line that is not JSON with a parse error and never forwards it', async () => {
    const h = harness();
    h.client('{"jsonrpc":"2.0","id":1,"method":"tools/call",');
    await eventually(() => h.toClient[0], 'the parse error');
    expect(JSON.parse(h.toClient[0] as string)).toMatchObject({ id: null, error: { code: -32700 } });
    expect(h.toServer).toEqual([]);
    await h.close();
  });

  it('forwards other messages byte for byte, and server lines back unchanged', async () => {
    const h = harness();
    const ping = '{"jsonrpc":"2.0","id":"p1","method":"ping"}';
    h.client(ping);
    h.client('null');
    await eventually(() => (h.toServer.length === 2 ? true : undefined), 'both lines at the server');
    expect(h.toServer).toEqual([ping, 'null']);
    h.server('{"jsonrpc":"2.0","id":"p1","result":{}}');
    await eventually(() => h.toClient[0], 'the answer');
    expect(h.toClient).toEqual(['{"jsonrpc":"2.0","id":"p1","result":{}}']);
    await h.close();
  });

  it('in a batch, holds back a blocked tools/call and forwards the rest', async () => {
    const h = harness();
    const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'http_post', arguments: CALLS.leak.args } };
    const ping = { jsonrpc: '2.0', id: 8, method: 'ping' };
    h.client(JSON.stringify([call, ping]));
    await eventually(() => h.toClient[0], 'the block');
    expect(JSON.parse(h.toClient[0] as string)).toMatchObject({ id: 7, result: { isError: true } });
    expect(h.toServer.map((line) => JSON.parse(line) as unknown)).toEqual([[ping]]);
    await h.close();
  });

  it('drops a tools/call without an id instead of passing it on unevaluated', async () => {
    const h = harness();
    h.client(JSON.stringify({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'echo', arguments: {} } }));
    h.client('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    await eventually(() => h.toServer[0], 'the notification');
    expect(h.toServer).toEqual(['{"jsonrpc":"2.0","method":"notifications/initialized"}']);
    await h.close();
  });
});
