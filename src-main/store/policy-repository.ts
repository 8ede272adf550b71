import type Database from 'better-sqlite3';
import type { PolicyVersion } from '../../src-shared/policies';

interface PolicyRow {
  id: string;
  version: number;
  name: string;
  package: string;
  scope: PolicyVersion['scope'];
  scope_value: string | null;
  priority: number;
  guardrail: number;
  mode: PolicyVersion['mode'];
  source: string;
  author: string;
  created_at: string;
  retired: number;
}

const fromRow = (r: PolicyRow): PolicyVersion => ({
  id: r.id,
  version: r.version,
  name: r.name,
  package: r.package,
  scope: r.scope,
  ...(r.scope_value === null ? {} : { scopeValue: r.scope_value }),
  priority: r.priority,
  guardrail: r.guardrail === 1,
  mode: r.mode,
  source: r.source,
  author: r.author,
  createdAt: r.created_at,
  retired: r.retired === 1,
});

export interface PolicyRepository {
  /** The newest version of every module that is not retired. */
  current(): PolicyVersion[];
  /** Every version of one module, oldest first. */
  history(id: string): PolicyVersion[];
  latest(id: string): PolicyVersion | undefined;
  insert(version: PolicyVersion): void;
  currentData(): { version: number; data: unknown } | undefined;
  insertData(version: number, data: unknown, author: string, createdAt: string): void;
}

export function sqlitePolicyRepository(db: Database.Database): PolicyRepository {
  const current = db.prepare(`SELECT p.* FROM policy_versions p
    JOIN (SELECT id, MAX(version) AS version FROM policy_versions GROUP BY id) latest USING (id, version)
    WHERE p.retired = 0 ORDER BY p.id`);
  const history = db.prepare('SELECT * FROM policy_versions WHERE id = ? ORDER BY version');
  const latest = db.prepare('SELECT * FROM policy_versions WHERE id = ? ORDER BY version DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO policy_versions
    (id, version, name, package, scope, scope_value, priority, guardrail, mode, source, author, created_at, retired)
    VALUES (@id, @version, @name, @package, @scope, @scope_value, @priority, @guardrail, @mode, @source, @author, @created_at, @retired)`);
  const currentData = db.prepare('SELECT version, data FROM policy_data_versions ORDER BY version DESC LIMIT 1');
  const insertData = db.prepare('INSERT INTO policy_data_versions (version, data, author, created_at) VALUES (?, ?, ?, ?)');
  return {
    current: () => (current.all() as PolicyRow[]).map(fromRow),
    history: (id) => (history.all(id) as PolicyRow[]).map(fromRow),
    latest: (id) => {
      const row = latest.get(id) as PolicyRow | undefined;
      return row && fromRow(row);
    },
    insert: (v) =>
      insert.run({
        id: v.id,
        version: v.version,
        name: v.name,
        package: v.package,
        scope: v.scope,
        scope_value: v.scopeValue ?? null,
        priority: v.priority,
        guardrail: v.guardrail ? 1 : 0,
        mode: v.mode,
        source: v.source,
        author: v.author,
        created_at: v.createdAt,
        retired: v.retired ? 1 : 0,
      }),
    currentData: () => {
      const row = currentData.get() as { version: number; data: string } | undefined;
      return row && { version: row.version, data: JSON.parse(row.data) as unknown };
    },
    insertData: (version, data, author, createdAt) => insertData.run(version, JSON.stringify(data), author, createdAt),
  };
}
