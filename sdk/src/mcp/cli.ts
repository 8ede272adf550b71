#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { Portcullis } from '../client.js';
import { parseCliArgs, USAGE } from './cli-args.js';
import { startMcpProxy } from './proxy.js';

/**
 * `portcullis-mcp --url U --key K -- <server command> [args…]`: starts the MCP server as a child
 * and sits between it and the MCP client on stdio. stdout carries only JSON-RPC; notes go to stderr.
 */
const parsed = parseCliArgs(process.argv.slice(2), process.env);
if ('error' in parsed) {
  process.stderr.write(`portcullis-mcp: ${parsed.error}\n${USAGE}`);
  process.exit(2);
}
const { command, args, url, apiKey, failMode, timeoutMs, reviewTimeoutMs, system, sessionId, progressEveryMs, quiet } = parsed;
const log = (line: string) => {
  if (!quiet) process.stderr.write(`${line}\n`);
};
const pc = new Portcullis({
  url,
  apiKey,
  failMode,
  ...(timeoutMs === undefined ? {} : { timeoutMs }),
  ...(reviewTimeoutMs === undefined ? {} : { reviewTimeoutMs }),
  onError: (error) => log(`portcullis-mcp: ${error.message}`),
});
const server = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
server.on('error', (error) => {
  process.stderr.write(`portcullis-mcp: cannot start ${command}: ${error.message}\n`);
  process.exit(1);
});
// A client that goes away mid-write must not crash the proxy; the stream ends tell the story.
server.stdin.on('error', () => {});
process.stdout.on('error', () => {});
const proxy = startMcpProxy({
  pc,
  fromClient: process.stdin,
  toClient: process.stdout,
  toServer: server.stdin,
  fromServer: server.stdout,
  ...(system === undefined ? {} : { system }),
  ...(sessionId === undefined ? {} : { sessionId }),
  ...(progressEveryMs === undefined ? {} : { progressEveryMs }),
  log,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
const exited = new Promise<number>((resolve) => server.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
const [code] = await Promise.all([exited, proxy.done]);
process.exit(code);
