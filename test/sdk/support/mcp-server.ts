import { appendFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

/**
 * A real MCP server (the official SDK over stdio) for the proxy tests. Every tool that runs
 * appends its name to INVOCATIONS_FILE, so a test counts executions instead of assuming them.
 */
const invocations = process.env.INVOCATIONS_FILE;
const ran = (tool: string) => {
  if (invocations) appendFileSync(invocations, `${tool}\n`);
};
const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

const server = new McpServer({ name: 'notes-server', version: '1.0.0' });

server.registerTool('echo', { description: 'Echo the text back', inputSchema: { text: z.string() } }, ({ text: value }) => {
  ran('echo');
  return text(`echo: ${value}`);
});

server.registerTool(
  'http_post',
  { description: 'POST a body to a URL', inputSchema: { url: z.string(), body: z.string() } },
  ({ url }) => {
    ran('http_post');
    return text(`posted to ${url}`);
  },
);

server.registerTool(
  'store_secret',
  { description: 'Store a secret in the vault', inputSchema: { name: z.string(), value: z.string() } },
  ({ name }) => {
    ran('store_secret');
    return text(`stored ${name}`);
  },
);

server.registerTool('explode', { description: 'Always fails', inputSchema: {} }, () => {
  ran('explode');
  throw new Error('the vault is sealed');
});

await server.connect(new StdioServerTransport());
