import type { CliIo, Command } from '../../src-main/cli/command';
import { auditCommands } from '../../src-main/audit/cli';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function command(name: string): Command {
  const found = auditCommands.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

/** Runs a command as the CLI front end would, collecting its output. */
export async function run(name: string, values: Record<string, string | undefined>, positionals: string[] = []): Promise<Ran> {
  const out = { stdout: '', stderr: '' };
  // The real CLI ends each call with a newline (src-main/cli/main.ts); so does this one.
  const io: CliIo = { stdout: (t) => void (out.stdout += `${t}\n`), stderr: (t) => void (out.stderr += `${t}\n`) };
  const code = await command(name).run({ values, positionals }, io);
  return { code, ...out };
}
