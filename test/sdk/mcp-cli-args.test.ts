import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../sdk/src/mcp/cli-args';

describe('portcullis-mcp command line', () => {
  it('passes everything after -- to the server untouched', () => {
    expect(parseCliArgs(['--url', 'http://127.0.0.1:7440', '--key', 'pca_k', '--', 'npx', '-y', 'server', '--url', 'x'], {})).toMatchObject({
      url: 'http://127.0.0.1:7440',
      apiKey: 'pca_k',
      failMode: 'closed',
      command: 'npx',
      args: ['-y', 'server', '--url', 'x'],
    });
  });

  it('takes the URL and key from the environment, flags and numbers from options', () => {
    const env = { PORTCULLIS_URL: 'http://127.0.0.1:1', PORTCULLIS_API_KEY: 'pca_env' };
    expect(parseCliArgs(['--fail-open', '--timeout-ms', '500', '--system', 'github', '--', 'srv'], env)).toMatchObject({
      url: 'http://127.0.0.1:1',
      apiKey: 'pca_env',
      failMode: 'open',
      timeoutMs: 500,
      system: 'github',
    });
  });

  it('says what is wrong', () => {
    const error = (argv: string[], env = {}) => (parseCliArgs(argv, env) as { error?: string }).error;
    expect(error(['--url', 'u', '--key', 'k'])).toMatch(/missing `-- <MCP server command>`/);
    expect(error(['--key', 'k', '--', 'srv'])).toMatch(/--url/);
    expect(error(['--url', 'u', '--', 'srv'])).toMatch(/--key/);
    expect(error(['--url', 'u', '--key', 'k', '--verbose', '--', 'srv'])).toMatch(/unknown option --verbose/);
    expect(error(['--url', 'u', '--key', 'k', '--timeout-ms', 'soon', '--', 'srv'])).toMatch(/positive integer/);
    expect(error(['--url', 'u', '--key', '--', 'srv'])).toMatch(/--key needs a value/);
  });
});
