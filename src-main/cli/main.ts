import { commands } from './commands';
import { runCli } from './run';

const io = {
  stdout: (text: string) => process.stdout.write(`${text}\n`),
  stderr: (text: string) => process.stderr.write(`${text}\n`),
};

runCli(process.argv.slice(2), io, commands).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A failure the command did not turn into an exit code: one clear line, no stack by default.
    io.stderr(`portcullis: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.PORTCULLIS_DEBUG) io.stderr(error instanceof Error ? (error.stack ?? '') : '');
    process.exitCode = 1;
  },
);
