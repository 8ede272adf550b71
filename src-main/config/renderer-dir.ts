import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built console (out/renderer) is. The code runs bundled (out/main/…, maybe a chunk
 * folder deeper) or from source under tsx (src-main/…), so walk up from this module until a
 * `renderer` or `out/renderer` folder with an index.html appears.
 */
export function findRendererDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (let depth = 0; depth < 6; depth++) {
    for (const candidate of [join(dir, 'renderer'), join(dir, 'out', 'renderer')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dirname(from), 'renderer');
}
