import type { ParseArgsConfig } from 'node:util';

/** Where a command writes. Tests pass collectors; the real CLI passes process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * One CLI command. `name` may have two words ("policy test", "agent add").
 * The CLI front end parses flags with node:util parseArgs (strict), so unknown
 * flags never reach `run`; `run` returns the process exit code
 * (0 ok, 1 the command's own failure, 2 a usage error).
 */
export interface Command {
  name: string;
  summary: string;
  /** Full help text shown by `portcullis <name> --help`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** A usage error thrown by a command: printed as one line, exit code 2. */
export class UsageError extends Error {}
