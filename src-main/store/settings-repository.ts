import type Database from 'better-sqlite3';

export interface SettingsRepository {
  load(name: string): unknown;
  save(name: string, value: unknown): void;
}

export function sqliteSettingsRepository(db: Database.Database, now: () => number = Date.now): SettingsRepository {
  const load = db.prepare('SELECT value FROM settings WHERE name = ?').pluck();
  const save = db.prepare(`INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  return {
    load(name) {
      const json = load.get(name) as string | undefined;
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    },
    save(name, value) {
      save.run(name, JSON.stringify(value), now());
    },
  };
}
