import { defaultDataDir } from '../config/paths';
import { openEngine, type Engine, type EngineOptions } from '../engine/engine';

/** The options every engine command takes, and their help lines. */
export const engineOptions = { data: { type: 'string' }, 'key-file': { type: 'string' } } as const;
export const engineHelp = `  --data DIR       data directory (default: $PORTCULLIS_DATA, else ${defaultDataDir()})
  --key-file FILE  the instance signing key (default: DIR/instance.key); when it is encrypted,
                   the passphrase is read from $PORTCULLIS_KEY_PASSPHRASE`;

export function dataDirFrom(values: Record<string, unknown>): string {
  return typeof values.data === 'string' ? values.data : defaultDataDir();
}

/** Data dir, key file and passphrase source from the command line and the environment. */
export function engineOptionsFrom(values: Record<string, unknown>): Pick<EngineOptions, 'dataDir' | 'keyFile' | 'passphrase'> {
  const passphrase = process.env.PORTCULLIS_KEY_PASSPHRASE;
  return {
    dataDir: dataDirFrom(values),
    ...(typeof values['key-file'] === 'string' ? { keyFile: values['key-file'] } : {}),
    // A function, so the secret is read only when an encrypted key actually needs it.
    ...(passphrase ? { passphrase: () => passphrase } : {}),
  };
}

/**
 * Opens the engine for one command and closes it after, even on failure. The data directory
 * lock means this fails clearly while a service runs on the same directory.
 */
export async function withEngine<T>(values: Record<string, unknown>, fn: (engine: Engine) => T | Promise<T>): Promise<T> {
  const engine = openEngine(engineOptionsFrom(values));
  try {
    return await fn(engine);
  } finally {
    engine.close();
  }
}
