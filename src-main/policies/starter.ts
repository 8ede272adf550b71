import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { PolicyDraft } from '../../src-shared/policies';

// Module fields are checked by PolicyDraftSchema when each module is published.
const ManifestSchema = z.object({
  data: z.string(),
  modules: z.array(z.looseObject({ file: z.string() })),
});

/** The starter library shipped in resources/policies (or an app's resources folder). */
export interface StarterLibrary {
  modules: PolicyDraft[];
  data: unknown;
}

/** Finds resources/policies walking up from this module (bundled, or run from source). */
export function findStarterDir(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, 'resources', 'policies');
    if (existsSync(join(candidate, 'library.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

export function readStarterLibrary(dir: string): StarterLibrary {
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'library.json'), 'utf8')));
  return {
    data: JSON.parse(readFileSync(join(dir, manifest.data), 'utf8')) as unknown,
    modules: manifest.modules.map(({ file, ...meta }) => ({ ...meta, source: readFileSync(join(dir, file), 'utf8') }) as PolicyDraft),
  };
}
