export const USAGE = `usage: portcullis-mcp --url URL --key KEY [options] -- <MCP server command> [args…]

  --url URL              Portcullis service (or PORTCULLIS_URL)
  --key KEY              the agent key (or PORTCULLIS_API_KEY, which keeps it out of process lists)
  --fail-open            allow calls while Portcullis is unreachable (default: block them)
  --timeout-ms N         budget for one call to Portcullis (default 2000)
  --review-timeout-ms N  how long a call waits for a reviewer (default 600000)
  --system NAME          target.system for every call (default: the server's own name)
  --session ID           session id sent with every evaluation
  --progress-ms N        progress notifications while a review is pending (default 10000)
  --quiet                no notes on stderr
`;

export interface CliArgs {
  url: string;
  apiKey: string;
  failMode: 'closed' | 'open';
  timeoutMs?: number;
  reviewTimeoutMs?: number;
  system?: string;
  sessionId?: string;
  progressEveryMs?: number;
  quiet: boolean;
  command: string;
  args: string[];
}

const VALUED = new Set(['--url', '--key', '--timeout-ms', '--review-timeout-ms', '--system', '--session', '--progress-ms']);

/** Everything after `--` is the server's command line, passed on untouched. */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliArgs | { error: string } {
  const split = argv.indexOf('--');
  if (split < 0 || split === argv.length - 1) return { error: 'missing `-- <MCP server command>`' };
  const own = argv.slice(0, split);
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < own.length; i++) {
    const arg = own[i] as string;
    if (VALUED.has(arg)) {
      const value = own[++i];
      if (value === undefined) return { error: `${arg} needs a value` };
      values.set(arg, value);
    } else if (arg === '--fail-open' || arg === '--quiet') flags.add(arg);
    else return { error: `unknown option ${arg}` };
  }
  const url = values.get('--url') ?? env.PORTCULLIS_URL;
  const apiKey = values.get('--key') ?? env.PORTCULLIS_API_KEY;
  if (!url) return { error: '--url (or PORTCULLIS_URL) is required' };
  if (!apiKey) return { error: '--key (or PORTCULLIS_API_KEY) is required' };
  const number = (name: string): number | undefined | { error: string } => {
    const text = values.get(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    return Number.isInteger(value) && value > 0 ? value : { error: `${name} must be a positive integer` };
  };
  const timeoutMs = number('--timeout-ms');
  const reviewTimeoutMs = number('--review-timeout-ms');
  const progressEveryMs = number('--progress-ms');
  if (typeof timeoutMs === 'object') return timeoutMs;
  if (typeof reviewTimeoutMs === 'object') return reviewTimeoutMs;
  if (typeof progressEveryMs === 'object') return progressEveryMs;
  const [command, ...args] = argv.slice(split + 1) as [string, ...string[]];
  const system = values.get('--system');
  const sessionId = values.get('--session');
  return {
    url,
    apiKey,
    failMode: flags.has('--fail-open') ? 'open' : 'closed',
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(reviewTimeoutMs === undefined ? {} : { reviewTimeoutMs }),
    ...(system === undefined ? {} : { system }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(progressEveryMs === undefined ? {} : { progressEveryMs }),
    quiet: flags.has('--quiet'),
    command,
    args,
  };
}
