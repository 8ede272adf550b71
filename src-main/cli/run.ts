import { parseArgs } from 'node:util';
import { PRODUCT_VERSION } from '../config/product';
import { UsageError, type CliIo, type Command } from './command';

const generalHelp = (commands: readonly Command[]): string => {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: portcullis <command> [options]',
    '',
    'Policy enforcement for AI agents: decides allow, block or review for every action',
    'an agent proposes, and keeps a tamper-evident audit log of each decision.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `portcullis <command> --help` for a command\'s options.',
    'Options: --help, --version',
  ].join('\n');
};

/** Finds the command named by the first one or two words; two-word names win. */
function findCommand(commands: readonly Command[], argv: string[]): { command: Command; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = commands.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined;
}

const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

/**
 * The CLI front end: picks the command, parses its flags strictly and runs it.
 * Usage errors are one line on stderr and exit code 2.
 */
export async function runCli(argv: string[], io: CliIo, commands: readonly Command[]): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(generalHelp(commands));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(PRODUCT_VERSION);
    return 0;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name);
    const hint = group.length > 0 ? `; try one of: ${group.join(', ')}` : ' (see portcullis --help)';
    io.stderr(`portcullis: unknown command '${argv.slice(0, group.length > 0 ? 2 : 1).join(' ')}'${hint}`);
    return 2;
  }
  const { command, rest } = found;
  if (wantsHelp(rest)) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    const parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return await command.run(parsed as Parameters<Command['run']>[0], io);
  } catch (error) {
    const isParseError =
      error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS_') === true;
    if (!isParseError) throw error;
    const message = (error as Error).message.split('\n')[0] ?? 'invalid arguments';
    io.stderr(`portcullis ${command.name}: ${message} (see portcullis ${command.name} --help)`);
    return 2;
  }
}
