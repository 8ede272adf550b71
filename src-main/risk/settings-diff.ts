/**
 * Merge patches and leaf-level differences over plain JSON settings.
 * Patches follow JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes a key,
 * anything else (arrays included) replaces the value.
 */

export interface SettingChange {
  /** Path of the changed value, e.g. `weights.threat_signals` or `severity.tools["sql.execute"]`. */
  key: string;
  /** null when the key did not exist before (or no longer exists after). */
  old: unknown;
  new: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function childPath(parent: string, key: string): string {
  const segment = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return segment;
  return segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every leaf that differs between two settings objects; arrays count as one leaf. */
export function diffSettings(before: unknown, after: unknown, path = ''): SettingChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => diffSettings(before[key], after[key], childPath(path, key)));
  }
  if (sameJson(before, after)) return [];
  return [{ key: path, old: before ?? null, new: after ?? null }];
}
