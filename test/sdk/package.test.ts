import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealPortcullis, type RealPortcullis } from './support/portcullis';
import { CALLS } from './support/tool-scenarios';

/**
 * The package as published: built with its own tsconfig (into a temporary directory, not the
 * tree), loaded by plain Node 20 without tsx, and the built `portcullis-mcp` in a real MCP session.
 */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'sdk/package.json'), 'utf8')) as {
  name: string;
  type: string;
  exports: Record<string, { types?: string; default?: string } | string>;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};

let out: string;
let real: RealPortcullis;
/** A path of the package (`./dist/…`) inside the temporary build. */
const built = (path: string) => join(out, path.replace(/^\.\/dist\//, ''));

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'portcullis-sdk-build-'));
  [real] = await Promise.all([
    startRealPortcullis(),
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'sdk/tsconfig.json'), '--outDir', out]),
  ]);
}, 120_000);
afterAll(async () => {
  await real?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('@portcullis/sdk as published', () => {
  it('is an ESM package with types, a bin, and no runtime dependencies', () => {
    expect(pkg).toMatchObject({ name: '@portcullis/sdk', type: 'module' });
    expect(pkg.dependencies ?? {}).toEqual({});
    const main = pkg.exports['.'] as { types: string; default: string };
    expect(existsSync(built(main.types))).toBe(true);
    expect(existsSync(built(main.default))).toBe(true);
    const bin = built(pkg.bin['portcullis-mcp'] as string);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('loads under plain Node and exposes the API', async () => {
    const entry = built((pkg.exports['.'] as { default: string }).default);
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const sdk = await import(${JSON.stringify(entry)}); console.log(Object.keys(sdk).sort().join(','))`]);
    expect(stdout.trim()).toBe('PolicyBlockedError,Portcullis,wrapAnthropic,wrapOpenAI');
  });

  it('the built portcullis-mcp proxies a real MCP session, key from the environment', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [built(pkg.bin['portcullis-mcp'] as string), '--url', real.url, '--quiet', '--', process.execPath, '--import', 'tsx', join(ROOT, 'test/sdk/support/mcp-server.ts')],
      env: { ...getDefaultEnvironment(), PORTCULLIS_API_KEY: real.newAgentKey() },
      cwd: ROOT,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'built-proxy-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect((await client.callTool({ name: 'echo', arguments: { text: 'hi' } })).isError).toBeFalsy();
      expect((await client.callTool({ name: 'http_post', arguments: CALLS.leak.args })).isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('the built CLI explains its usage and exits 2 on a bad command line', async () => {
    const failure = await run(process.execPath, [built(pkg.bin['portcullis-mcp'] as string), '--url', 'http://127.0.0.1:1']).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/missing `-- <MCP server command>`[\s\S]*usage: portcullis-mcp/) });
  });
});
