import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The default data directory, where each OS keeps per-user application data:
 * PORTCULLIS_DATA wins; then %APPDATA% on Windows, ~/Library/Application Support on macOS,
 * $XDG_DATA_HOME (or ~/.local/share) elsewhere.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.PORTCULLIS_DATA) return env.PORTCULLIS_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Portcullis');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Portcullis');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'portcullis');
}
