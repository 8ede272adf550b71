import { describe, expect, it } from 'vitest';
import type { Command } from '../../src-main/cli/command';
import { commands } from '../../src-main/cli/commands';
import { runCli } from '../../src-main/cli/run';
import { parseHost, parsePort } from '../../src-main/cli/serve';
import { collectIo } from '../support/collect-io';

describe('portcullis CLI front end', () => {
  it('--help lists every command with its summary', async () => {
    const io = collectIo();
    expect(await runCli(['--help'], io, commands)).toBe(0);
    const help = io.out.join('\n');
    for (const command of commands) {
      expect(help.split('\n').some((line) => line.trim().startsWith(command.name) && line.endsWith(`  ${command.summary}`))).toBe(true);
    }
  });

  it('no arguments prints the general help', async () => {
    const io = collectIo();
    expect(await runCli([], io, commands)).toBe(0);
    expect(io.out.join('\n')).toMatch(/^Usage: portcullis <command>/);
  });

  it('<command> --help describes the command, its flags included', async () => {
    for (const command of commands) {
      const io = collectIo();
      expect(await runCli([...command.name.split(' '), '--help'], io, commands)).toBe(0);
      expect(io.out.join('\n')).toBe(command.usage);
      for (const [flag, spec] of Object.entries(command.options)) {
        const documented = command.usage.includes(`--${flag}`) || (spec.short !== undefined && command.usage.includes(`-${spec.short} `));
        expect(documented, `${command.name} --help documents --${flag}`).toBe(true);
      }
    }
  });

  it('an unknown command is one line on stderr and exit 2', async () => {
    const io = collectIo();
    expect(await runCli(['frobnicate'], io, commands)).toBe(2);
    expect(io.err).toEqual(["portcullis: unknown command 'frobnicate' (see portcullis --help)"]);
    expect(io.out).toEqual([]);
  });

  it('an unknown flag is one line on stderr and exit 2', async () => {
    const io = collectIo();
    expect(await runCli(['serve', '--bogus'], io, commands)).toBe(2);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^portcullis serve: .*'--bogus'.*\(see portcullis serve --help\)$/);
  });

  it('a flag without its value is a usage error', async () => {
    const io = collectIo();
    expect(await runCli(['serve', '--port'], io, commands)).toBe(2);
    expect(io.err[0]).toMatch(/^portcullis serve: .*--port/);
  });

  it.each(['-1', '65536', '80a', '', '1e3', ' 80'])('--port %j is refused with exit 2', async (port) => {
    const io = collectIo();
    expect(await runCli(['serve', `--port=${port}`], io, commands)).toBe(2);
    expect(io.err[0]).toContain('--port must be a whole number from 0 to 65535');
  });

  it('--host must be an address', async () => {
    const io = collectIo();
    expect(await runCli(['serve', '--host', 'evil.example; rm -rf /'], io, commands)).toBe(2);
    expect(io.err[0]).toContain("--host must be an IP address or 'localhost'");
  });

  it('parses ports and hosts', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    expect(parseHost('::1')).toBe('::1');
    expect(parseHost('localhost')).toBe('localhost');
  });

  it('resolves two-word commands and hints at a group', async () => {
    const ran: string[] = [];
    const make = (name: string): Command => ({
      name,
      summary: name,
      usage: `Usage: portcullis ${name}`,
      options: {},
      allowPositionals: true,
      run: async ({ positionals }) => {
        ran.push(`${name}:${positionals.join(',')}`);
        return 0;
      },
    });
    const list = [make('agent add'), make('agent list'), make('verify')];
    expect(await runCli(['agent', 'add', 'x'], collectIo(), list)).toBe(0);
    expect(await runCli(['verify', 'agent'], collectIo(), list)).toBe(0);
    expect(ran).toEqual(['agent add:x', 'verify:agent']);
    const io = collectIo();
    expect(await runCli(['agent', 'remove'], io, list)).toBe(2);
    expect(io.err).toEqual(["portcullis: unknown command 'agent remove'; try one of: agent add, agent list"]);
  });

  it('--version prints the package version', async () => {
    const io = collectIo();
    expect(await runCli(['--version'], io, commands)).toBe(0);
    expect(io.out[0]).toMatch(/^\d+\.\d+\.\d+/);
  });
});
