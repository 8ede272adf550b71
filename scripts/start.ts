// `npm start`: the desktop app where Electron and a display exist, else the headless service.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, missingDisplay } from './electron-binary';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extraArgs = process.argv.slice(2);

const electron = findElectronBinary(root);
const noDisplay = missingDisplay();

const run = (command: string, args: string[]) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

if ('path' in electron && !noDisplay) {
  run(electron.path, [root]);
} else {
  const why = 'missing' in electron ? electron.missing : noDisplay;
  process.stderr.write(`Desktop window not opened: ${why}. Starting the headless service instead; open the console URL below in a browser.\n`);
  run(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...extraArgs]);
}
