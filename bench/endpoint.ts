/**
 * Endpoint benchmark: POST /v1/evaluate end to end against its floors, in pinned processes.
 * The same as `portcullis bench` (src-main/bench), runnable before the command is registered:
 *
 *   npx tsx bench/endpoint.ts [--json] [--quick] [--requests N] [--placements same,split] [--large-entries N]
 */
import { runCli } from '../src-main/cli/run';
import { benchCommands } from '../src-main/bench/cli';

const io = {
  stdout: (text: string) => process.stdout.write(`${text}\n`),
  stderr: (text: string) => process.stderr.write(`${text}\n`),
};

runCli(['bench', ...process.argv.slice(2)], io, benchCommands).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.stderr(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
