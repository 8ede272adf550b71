import { userInfo } from 'node:os';
import { UsageError, type Command } from '../cli/command';
import { engineHelp, engineOptions, withEngine } from '../cli/engine-access';
import { AgentRegistryError } from './registry';

const actor = () => `cli:${userInfo().username}`;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Registry errors are the operator's input problem: one line, exit 1. */
async function runRegistry(io: { stderr(t: string): void }, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof AgentRegistryError)) throw error;
    io.stderr(`portcullis: ${error.message}`);
    return 1;
  }
}

const addCommand: Command = {
  name: 'agent add',
  summary: 'register an agent and print its API key (shown once)',
  usage: `Usage: portcullis agent add --name NAME --role ROLE [options]

Registers an agent. Its API key is printed once, alone on stdout (so KEY=$(portcullis agent add …)
works); only a hash of it is stored. The agent's identity comes from this registration, never from
what the agent sends.

Options:
  --name NAME          unique name among active agents
  --role ROLE          role, used by policy scopes and risk settings
  --org-unit UNIT      organisational unit (default: default)
  --environment ENV    production | staging | dev (default: production)
  --window WINDOW      operating window, e.g. "Mon-Fri 08:00-18:00 Europe/Berlin"
  --tag TAG            a tag (repeatable)
${engineHelp}`,
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    'org-unit': { type: 'string' },
    environment: { type: 'string' },
    window: { type: 'string' },
    tag: { type: 'string', multiple: true },
    ...engineOptions,
  },
  run: ({ values }, io) =>
    runRegistry(io, async () => {
      const name = str(values.name);
      const role = str(values.role);
      if (!name || !role) throw new UsageError('--name and --role are required');
      const environment = str(values.environment);
      const orgUnit = str(values['org-unit']);
      const window = str(values.window);
      const tags = Array.isArray(values.tag) ? values.tag.filter((t): t is string => typeof t === 'string') : [];
      return withEngine(values, (engine) => {
        const { agent, key } = engine.agents.add(
          {
            name,
            role,
            ...(orgUnit ? { org_unit: orgUnit } : {}),
            ...(environment ? { environment: environment as 'production' } : {}),
            ...(window ? { window } : {}),
            tags,
          },
          actor(),
        );
        io.stdout(key);
        io.stderr(
          `agent ${agent.name} added: id ${agent.id}, role ${agent.role}, org unit ${agent.org_unit}, ` +
            `environment ${agent.environment}${agent.window ? `, window ${agent.window}` : ''}; key ${agent.keyPrefix}_… ` +
            '(shown once: store it where the agent keeps secrets)',
        );
        return 0;
      });
    }),
};

const listCommand: Command = {
  name: 'agent list',
  summary: 'list registered agents (never their keys)',
  usage: `Usage: portcullis agent list [--all] [--json]

Options:
  --all         include revoked agents
  --json        one JSON array instead of a table
${engineHelp}`,
  options: { all: { type: 'boolean' }, json: { type: 'boolean' }, ...engineOptions },
  run: ({ values }, io) =>
    withEngine(values, (engine) => {
      const agents = engine.agents.list().filter((a) => values.all === true || a.revokedAt === undefined);
      if (values.json === true) {
        io.stdout(JSON.stringify(agents, null, 2));
        return 0;
      }
      if (agents.length === 0) {
        io.stdout('no agents registered');
        return 0;
      }
      const rows = [
        ['NAME', 'ROLE', 'ORG UNIT', 'ENV', 'KEY', 'CREATED', 'STATUS'],
        ...agents.map((a) => [a.name, a.role, a.org_unit, a.environment, a.keyPrefix, a.createdAt, a.revokedAt ? `revoked ${a.revokedAt}` : 'active']),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const row of rows) io.stdout(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
      return 0;
    }),
};

const revokeCommand: Command = {
  name: 'agent revoke',
  summary: 'revoke an agent: its key stops working at once',
  usage: `Usage: portcullis agent revoke NAME|ID [--reason TEXT]

Options:
  --reason TEXT   why, recorded in the audit log
${engineHelp}`,
  options: { reason: { type: 'string' }, ...engineOptions },
  allowPositionals: true,
  run: ({ values, positionals }, io) =>
    runRegistry(io, async () => {
      if (positionals.length !== 1) throw new UsageError('name exactly one agent (name or id)');
      return withEngine(values, (engine) => {
        const agent = engine.agents.revoke(positionals[0] as string, actor(), str(values.reason));
        io.stdout(`agent ${agent.name} (${agent.id}) revoked; key ${agent.keyPrefix}_… no longer works`);
        return 0;
      });
    }),
};

export const agentCommands: Command[] = [addCommand, listCommand, revokeCommand];
