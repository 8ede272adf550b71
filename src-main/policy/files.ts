/** Loads .rego modules and .json data documents from files and directories (CLI, tests). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { SourceFile } from './program';

export interface LoadedPolicies {
  modules: SourceFile[];
  /** JSON documents merged at the root of `data`. */
  data: Record<string, unknown>;
}

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = join(path, e.name);
      if (e.isDirectory()) return listFiles(full);
      return ['.rego', '.json'].includes(extname(e.name)) ? [full] : [];
    });
}

function deepMerge(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) {
    // Own properties only, defined rather than assigned: a data file's "__proto__" key is a key,
    // never a way into Object.prototype.
    const cur = Object.hasOwn(into, k) ? into[k] : undefined;
    if (isPlainObject(cur) && isPlainObject(v)) deepMerge(cur, v);
    else Object.defineProperty(into, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads every path (file or directory). Module file names are relative to the working directory. */
export function loadPolicies(paths: readonly string[], cwd = process.cwd()): LoadedPolicies {
  const modules: SourceFile[] = [];
  const data: Record<string, unknown> = {};
  for (const p of paths) {
    for (const file of listFiles(p)) {
      const text = readFileSync(file, 'utf8');
      if (extname(file) === '.rego') {
        modules.push({ file: relative(cwd, file) || file, source: text });
      } else {
        const doc: unknown = JSON.parse(text);
        if (!isPlainObject(doc)) throw new Error(`${file}: data file must hold a JSON object`);
        deepMerge(data, doc);
      }
    }
  }
  return { modules, data };
}
