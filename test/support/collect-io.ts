import type { CliIo } from '../../src-main/cli/command';

/** A CliIo that keeps what a command printed, line by line. */
export function collectIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}
