import { defaultDataDir } from '../config/paths';
import { openEngine, type Engine } from '../engine/engine';

/** The `--data DIR` option every engine command takes, and its help line. */
export const dataOption = { data: { type: 'string' } } as const;
export const dataHelp = `  --data DIR    data directory (default: $PORTCULLIS_DATA, else ${defaultDataDir()})`;

export function dataDirFrom(values: Record<string, unknown>): string {
  return typeof values.data === 'string' ? values.data : defaultDataDir();
}

/**
 * Opens the engine for one command and closes it after, even on failure. The data directory
 * lock means this fails clearly while a service runs on the same directory.
 */
export async function withEngine<T>(values: Record<string, unknown>, fn: (engine: Engine) => T | Promise<T>): Promise<T> {
  const engine = openEngine({ dataDir: dataDirFrom(values) });
  try {
    return await fn(engine);
  } finally {
    engine.close();
  }
}
