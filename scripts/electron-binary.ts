import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds an Electron binary without `require('electron')`, which would try to download one.
 * ELECTRON_EXEC_PATH wins; else the binary the electron package installed, if it did.
 * Returns the path, or why there is none.
 */
export function findElectronBinary(projectRoot: string): { path: string } | { missing: string } {
  const fromEnv = process.env.ELECTRON_EXEC_PATH;
  if (fromEnv) {
    return existsSync(fromEnv) ? { path: fromEnv } : { missing: `ELECTRON_EXEC_PATH=${fromEnv} does not exist` };
  }
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'node_modules/electron has no downloaded binary; set ELECTRON_EXEC_PATH to use one' };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary ${binary} is missing` };
}

/** Why a window cannot be shown here, or undefined when a display is available. */
export function missingDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  if (platform !== 'linux') return undefined;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? undefined : 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}
