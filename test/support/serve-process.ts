import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  consoleUrl: string;
  dataDir: string;
  stdout: () => string;
  stderr: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `portcullis serve --port 0` as a real child process and waits for its
 * `listening on` line. `entry` is the built CLI (out/main/cli.js) or the TS source under tsx.
 */
export async function startServeProcess(
  options: { entry?: 'built' | 'source'; args?: string[]; dataDir?: string } = {},
): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portcullis-test-'));
  const command =
    options.entry === 'source'
      ? [process.execPath, '--import', 'tsx', join(ROOT, 'src-main/cli/main.ts')]
      : [process.execPath, join(ROOT, 'out/main/cli.js')];
  const [bin, ...pre] = command as [string, ...string[]];
  const child = spawn(bin, [...pre, 'serve', '--port', '0', '--data', dataDir, ...(options.args ?? [])], { cwd: ROOT });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 20 s; stderr:\n${err}`)), 20_000);
    const check = () => {
      const match = /^listening on (http:\/\/\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening; stderr:\n${err}`));
    });
  });
  // The console line follows the listening line on stderr; wait for it briefly.
  for (let i = 0; i < 100 && !/^console: /m.test(err); i++) await new Promise((r) => setTimeout(r, 20));
  const consoleUrl = /^console: (\S+)$/m.exec(err)?.[1] ?? '';
  return {
    child,
    url,
    consoleUrl,
    dataDir,
    stdout: () => out,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
